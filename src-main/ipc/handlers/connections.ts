import type { connectionChannels } from '../../../src-shared/contract/connections';
import { AppError } from '../../../src-shared/errors';
import { testSideConnection } from '../../connect/connection-test';
import { openSide } from '../../connect/side-connection';
import type { Handler } from '../router';
import { readConfigDatabase } from '../../app/sources/profile-source';

type C = typeof connectionChannels;

export const connectionHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'connections.test': async ({ profileId, side, secrets }, ctx) => {
    const runtime = ctx.services.profiles;
    if (secrets) await runtime.store.provideSessionSecrets(profileId, secrets);
    const profile = await runtime.store.get(profileId);
    const result = await testSideConnection(profile, side, await runtime.store.secrets(profileId), {
      env: ctx.services.env,
      tunnels: ctx.services.tunnels,
      emit: (step) => ctx.emit(step),
      readConfig: readConfigDatabase,
      signal: ctx.signal,
    });
    const presented = result.steps.flatMap((s) => (s.hostKey ? [s.hostKey] : []));
    if (presented.length) runtime.presentedHostKeys.set(profileId, [...(runtime.presentedHostKeys.get(profileId) ?? []), ...presented]);
    const failed = result.steps.filter((s) => s.status === 'failed').length;
    await runtime.store.addHistory(profileId, {
      kind: 'connection-test',
      outcome: failed ? 'failed' : result.steps.some((s) => s.status === 'warning') ? 'warnings' : 'ok',
      summary: failed
        ? `${side}: ${result.steps.find((s) => s.status === 'failed')?.message}`
        : `${side}: all ${result.steps.length} steps passed`,
    });
    return result;
  },

  'connections.confirmHostKey': async ({ profileId, host, keyType, fingerprint }, ctx) => {
    const runtime = ctx.services.profiles;
    const shown = runtime.presentedHostKeys.get(profileId) ?? [];
    if (!shown.some((k) => k.host === host && k.keyType === keyType && k.fingerprint === fingerprint)) {
      throw new AppError(
        'host-key-not-presented',
        `The host key ${fingerprint} of ${host} was not shown by a connection test of this profile in this session.`,
        'Run the connection test again and confirm the fingerprint it shows.',
      );
    }
    await runtime.store.trustHostKey(profileId, { host, keyType, fingerprint });
    runtime.presentedHostKeys.set(
      profileId,
      shown.filter((k) => k.host !== host),
    );
    return { ok: true as const };
  },

  'connections.browse': async ({ profileId, side, path }, ctx) => {
    const runtime = ctx.services.profiles;
    const profile = await runtime.store.get(profileId);
    const connection = await openSide(profile, side, await runtime.store.secrets(profileId), {
      env: ctx.services.env,
      tunnels: ctx.services.tunnels,
    });
    try {
      return { path, where: connection.files.where, entries: await connection.files.list(path) };
    } finally {
      await connection.close();
    }
  },
};
