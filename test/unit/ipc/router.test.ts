import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src-main/ipc/router';
import { createRouter } from '../../../src-main/ipc/router';
import { createServices } from '../../../src-main/ipc/context';
import { handlers } from '../../../src-main/ipc/handlers';
import { AppError } from '../../../src-shared/errors';

const services = createServices({ host: 'cli', dataDir: '/nonexistent', env: {} });

describe('IPC router', () => {
  it('answers app.info from the real handler', async () => {
    const outcome = await createRouter(handlers, services).call('app.info', {});
    expect(outcome).toMatchObject({ ok: true, output: { name: 'MAS Migrator', host: 'cli', platform: process.platform } });
  });

  it('rejects malformed input with {code, message} naming the field, without reaching the handler', async () => {
    let reached = false;
    const spy: Handlers = {
      ...handlers,
      'app.selfTest': async () => {
        reached = true;
        return { ok: true, steps: 1 };
      },
    };
    const outcome = await createRouter(spy, services).call('app.selfTest', { steps: 'three' });
    expect(reached).toBe(false);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid-input');
    expect(outcome.error.message).toContain('steps');
  });

  it('rejects unknown keys and unknown channels', async () => {
    const router = createRouter(handlers, services);
    expect(await router.call('app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await router.call('nope.never', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await router.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('streams validated events and returns the output', async () => {
    const events: unknown[] = [];
    const outcome = await createRouter(handlers, services).call('app.selfTest', { steps: 3, delayMs: 0 }, { emit: (e) => events.push(e) });
    expect(outcome).toEqual({ ok: true, output: { ok: true, steps: 3 } });
    expect(events).toEqual([1, 2, 3].map((step) => ({ step, of: 3, label: `Self-test step ${step} of 3` })));
  });

  it('turns expected failures into {code, message, hint} and redacts secrets from them', async () => {
    const failing: Handlers = {
      ...handlers,
      'app.info': async () => {
        throw new AppError('db-unreachable', 'Cannot reach postgresql://synapse:hunter2@db.example.org/synapse', 'Check the host.');
      },
    };
    const outcome = await createRouter(failing, services).call('app.info', {});
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'db-unreachable', message: 'Cannot reach postgresql://synapse:***@db.example.org/synapse', hint: 'Check the host.' },
    });
  });

  it('answers an input nested too deeply for the schema check as invalid input instead of throwing', async () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    const outcome = await createRouter(handlers, services).call('config.edit', { draftId: 'abcdefgh', edits: [{ path: ['a'], value }] });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('nested too deeply') } });
  });

  it('stops a streaming handler when the caller cancels', async () => {
    const controller = new AbortController();
    const pending = createRouter(handlers, services).call('app.selfTest', { steps: 20, delayMs: 1000 }, { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('last-resort redaction', () => {
  it('masks URI passwords, conninfo passwords and PEM blocks but leaves prose about keys alone', async () => {
    const { redactSecrets } = await import('../../../src-shared/redact');
    expect(redactSecrets('host=db password=s3cret user=x')).toBe('host=db password=*** user=x');
    expect(redactSecrets('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----')).toBe('[PEM redacted]');
    expect(redactSecrets('homeserver.yaml line 4: key password_config.pepper: expected a string')).toBe(
      'homeserver.yaml line 4: key password_config.pepper: expected a string',
    );
  });
});
