import type { SandboxInfo, sandboxChannels } from '../../../src-shared/contract/sandbox';
import { populateSandbox } from '../../sandbox/populate';
import { startSandbox } from '../../sandbox/sandbox';
import { sandboxServerName } from '../../sandbox/sandbox-configs';
import { sandboxProfileSettings } from '../../sandbox/sandbox-profile';
import type { RegisteredSandbox } from '../../sandbox/sandbox-registry';
import type { Handler } from '../router';

type C = typeof sandboxChannels;

function infoOf({ sandbox, profileId, users }: RegisteredSandbox): SandboxInfo {
  return { ...sandbox.files, users, profileId, startedAt: sandbox.startedAt, notices: sandbox.notices };
}

export const sandboxHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'sandbox.start': async ({ users }, ctx) => {
    const registered = await ctx.services.sandboxes.ensure(async () => {
      const sandbox = await startSandbox({
        onStep: (label) => ctx.emit({ label }),
        populate: (db) => populateSandbox(db, sandboxServerName, users),
        signal: ctx.signal,
      });
      try {
        ctx.emit({ label: 'Creating the sandbox profile' });
        const profile = await ctx.services.profiles.store.create(sandboxProfileSettings(sandbox.files, new Date(sandbox.startedAt)));
        return { sandbox, profileId: profile.id, users };
      } catch (error) {
        await sandbox.stop();
        throw error;
      }
    });
    return infoOf(registered);
  },
  'sandbox.status': async (_input, ctx) => {
    const registered = ctx.services.sandboxes.current;
    return registered ? infoOf(registered) : null;
  },
  /** Its profile goes too (see Services.stopSandbox). */
  'sandbox.stop': async (_input, ctx) => ({ stopped: await ctx.services.stopSandbox() }),
};
