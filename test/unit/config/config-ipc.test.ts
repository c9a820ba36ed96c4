import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { handlers } from '../../../src-main/ipc/handlers';
import { createConfigHandlers } from '../../../src-main/ipc/handlers/config';
import { createRouter, type Router } from '../../../src-main/ipc/router';
import { masFixture, reference, synapseFixture } from './fixtures';

const services = { host: 'web' as const, dataDir: '/nonexistent' };
const router: Router = createRouter(
  { ...handlers, ...createConfigHandlers({ masSchemaPath: reference('mas-config.schema.json') }) },
  services,
);

// biome-ignore lint/suspicious/noExplicitAny: replies are inspected freely
async function ok<T = Record<string, any>>(channel: string, input: unknown): Promise<T> {
  const outcome = await router.call(channel, input);
  if (!outcome.ok) throw new Error(`${channel} failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output as T;
}

/** Secrets of the fixtures and generated configs: none may appear in a reply to the renderer. */
const secretPatterns = [
  /db-password-1/,
  /pepper-secret-value/,
  /kc-client-secret/,
  /gh-secret/,
  /mas-db-password/,
  /shared-matrix-secret/,
  /[0-9a-f]{64}/,
  /BEGIN [A-Z ]*PRIVATE KEY/,
];
const expectNoSecrets = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const pattern of secretPatterns) expect(text).not.toMatch(pattern);
};

describe('config IPC channels', () => {
  let generated: { draftId: string; preview: string; warnings: { id: string }[] };
  beforeAll(async () => {
    generated = await ok('config.generate', { synapsePaths: [synapseFixture('oidc-jinja.yaml')] });
  });

  it('config.load returns both models with secrets only as {set}', async () => {
    const out = await ok('config.load', {
      synapsePaths: [synapseFixture('oidc-jinja.yaml')],
      masPaths: [masFixture('matching-oidc-jinja.yaml')],
    });
    expect(out.synapse).toMatchObject({
      serverName: 'example.com',
      databaseDriver: 'psycopg2',
      passwords: { enabled: true, localdb: true, pepper: { set: true } },
    });
    expect(out.synapse.providers.map((p: { internalId: string }) => p.internalId)).toEqual(['oidc-keycloak', 'oidc-github']);
    expect(out.mas).toMatchObject({
      homeserver: 'example.com',
      matrixSecret: { set: true },
      encryption: { set: true },
      database: { host: 'db.example.com', password: { set: true } },
    });
    expect(out.mas.passwords.schemes[0]).toEqual({
      version: 1,
      algorithm: 'bcrypt',
      cost: 14,
      secret: { set: true },
      unicodeNormalization: true,
    });
    expectNoSecrets(out);
    const plain = await ok('config.load', { synapsePaths: [synapseFixture('postgres-minimal.yaml')] });
    expect(plain.synapse.database).toEqual({
      host: 'db.example.org',
      port: 5432,
      user: 'synapse_user',
      database: 'synapse',
      password: { set: true },
      uri: null,
    });
    expect(plain.mas).toBeNull();
    expectNoSecrets(plain);
  });

  it('config.load reports bad files as {code, message} naming file and line', async () => {
    const outcome = await router.call('config.load', { synapsePaths: [synapseFixture('bad/wrong-types.yaml')] });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'config-invalid', message: expect.stringContaining('wrong-types.yaml line 6: database.args.port') },
    });
    expect(await router.call('config.load', { synapsePaths: [] })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await router.call('config.load', { synapsePaths: ['/nonexistent/homeserver.yaml'] });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        code: 'file-missing',
        message: 'Cannot read the Synapse config: /nonexistent/homeserver.yaml does not exist on this computer.',
      },
    });
  });

  it('config.check lists findings and provider pairs', async () => {
    const out = await ok('config.check', {
      synapsePaths: [synapseFixture('captcha-consent.yaml')],
      masPaths: [masFixture('bad-provider-ids.yaml')],
    });
    expect(out.findings.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining([
        'registration-enabled',
        'user-consent',
        'mas-provider-id-invalid',
        'mas-synapse-idp-duplicate',
        'server-name-mismatch',
        'captcha-not-ported',
      ]),
    );
    expect(out.providers.map((p: { status: string }) => p.status)).toEqual([
      'unknown-to-synapse',
      'unknown-to-synapse',
      'unknown-to-synapse',
    ]);
    const matching = await ok('config.check', {
      synapsePaths: [synapseFixture('oidc-jinja.yaml')],
      masPaths: [masFixture('matching-oidc-jinja.yaml')],
    });
    expect(matching).toMatchObject({ findings: [], providers: [{ status: 'paired' }, { status: 'paired' }] });
    expectNoSecrets(matching);
  });

  it('config.generate keeps the config in main and shows a redacted preview with the warnings', () => {
    expect(generated.draftId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(generated.preview).toContain('homeserver: example.com');
    expect(generated.preview).toContain('secret: <redacted>');
    expect(generated.preview).toContain('key: <redacted>');
    expect(generated.warnings.map((w) => w.id)).toContain('fill-in-public-base');
    expectNoSecrets(generated);
  });

  it('config.edit changes non-secret keys and refuses secrets', async () => {
    const draft = await ok('config.generate', { synapsePaths: [synapseFixture('postgres-minimal.yaml')] });
    const edited = await ok('config.edit', {
      draftId: draft.draftId,
      edits: [{ path: ['http', 'public_base'], value: 'https://auth.example.org/' }],
    });
    expect(edited.preview).toContain('public_base: https://auth.example.org/');
    const refused = await router.call('config.edit', { draftId: draft.draftId, edits: [{ path: ['matrix', 'secret'], value: 'mine' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'edit-secret' } });
    expect(await router.call('config.edit', { draftId: 'unknown-draft', edits: [{ path: ['a'], value: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'draft-unknown' },
    });
  });

  it('config.validate checks the schema and our checks; a broken edit shows in both', async () => {
    const draft = await ok('config.generate', { synapsePaths: [synapseFixture('oidc-jinja.yaml')] });
    const clean = await ok('config.validate', { draftId: draft.draftId, synapsePaths: [synapseFixture('oidc-jinja.yaml')] });
    expect(clean).toEqual({ schemaChecked: true, schemaProblems: [], findings: [] });
    await ok('config.edit', {
      draftId: draft.draftId,
      edits: [
        { path: ['upstream_oauth2', 'providers', 0, 'id'], value: 'keycloak' },
        { path: ['matrix', 'homeserver'], value: 'other.example' },
      ],
    });
    const broken = await ok('config.validate', { draftId: draft.draftId, synapsePaths: [synapseFixture('oidc-jinja.yaml')] });
    expect(broken.schemaProblems.join('\n')).toContain('/upstream_oauth2/providers/0/id');
    expect(broken.findings.map((f: { id: string }) => f.id)).toEqual(['mas-provider-id-invalid', 'server-name-mismatch']);
    const withoutSchema = createRouter({ ...handlers, ...createConfigHandlers({}) }, services);
    const draft2 = await withoutSchema.call('config.generate', { synapsePaths: [synapseFixture('postgres-minimal.yaml')] });
    const id = (draft2 as { output: { draftId: string } }).output.draftId;
    expect(await withoutSchema.call('config.validate', { draftId: id })).toMatchObject({
      ok: true,
      output: { schemaChecked: false, schemaProblems: [] },
    });
  });

  it('config.validate reads a Synapse folder (conf.d) as Synapse does', async () => {
    const debian = [synapseFixture('debian/homeserver.yaml'), synapseFixture('debian/conf.d')];
    const draft = await ok('config.generate', { synapsePaths: debian });
    const result = await ok('config.validate', { draftId: draft.draftId, synapsePaths: debian });
    expect(result.findings).toEqual([]);
  });

  it('config.save writes the real config (owner-only) and never overwrites without consent; the Synapse section shares its secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mas-ipc-'));
    const path = join(dir, 'mas.yaml');
    expect(await ok('config.save', { draftId: generated.draftId, path })).toEqual({ path });
    const saved = parse(await readFile(path, 'utf8'));
    expect(saved.matrix.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await router.call('config.save', { draftId: generated.draftId, path })).toMatchObject({
      ok: false,
      error: { code: 'file-exists' },
    });
    const again = await ok('config.save', { draftId: generated.draftId, path, overwrite: true });
    expect(again.backup).toMatch(/mas\.yaml\.bak-\d{8}-\d{6}$/);
    const sectionPath = join(dir, 'synapse-mas.yaml');
    await ok('config.saveSynapseSection', { draftId: generated.draftId, path: sectionPath, endpoint: 'http://mas.internal:8080/' });
    expect(parse(await readFile(sectionPath, 'utf8'))).toEqual({
      matrix_authentication_service: { enabled: true, endpoint: 'http://mas.internal:8080/', secret: saved.matrix.secret },
    });
  });

  it("config.open edits an admin's file keeping comments, order and secrets", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mas-ipc-'));
    const original = await readFile(masFixture('matching-oidc-jinja.yaml'), 'utf8');
    const opened = await ok('config.open', { path: masFixture('matching-oidc-jinja.yaml') });
    expect(opened.file).toBe(masFixture('matching-oidc-jinja.yaml'));
    expectNoSecrets(opened);
    await ok('config.edit', { draftId: opened.draftId, edits: [{ path: ['branding', 'tos_uri'], value: 'https://example.com/tos' }] });
    const path = join(dir, 'mas.yaml');
    await ok('config.save', { draftId: opened.draftId, path });
    expect(await readFile(path, 'utf8')).toBe(`${original}branding:\n  tos_uri: https://example.com/tos\n`);
    expect(await router.call('config.open', { path: '/nonexistent/mas.yaml' })).toMatchObject({
      ok: false,
      error: { code: 'file-missing', message: '/nonexistent/mas.yaml does not exist on this computer.' },
    });
  });
});
