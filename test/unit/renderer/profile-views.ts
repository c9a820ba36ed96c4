import type { Finding } from '../../../src-shared/domain/finding';
import { ProfileSettings, type ProfileView } from '../../../src-shared/domain/profile';
import { sampleSettings } from '../../helpers/profiles';

export const idA = '01JA0000000000000000000000';
export const idB = '01JB0000000000000000000000';

/** A profile as main sends it to the renderer (sample settings), with `change` applied to its settings. */
export function profileView(id = idA, change: (settings: ProfileSettings) => ProfileSettings = (s) => s): ProfileView {
  return {
    ...change(ProfileSettings.parse(sampleSettings())),
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    trustedHostKeys: [],
    history: [],
    secretsSet: [],
  };
}

/** The same profile saved with its Synapse config file elsewhere. */
export const movedSynapseConfig = (s: ProfileSettings): ProfileSettings => ({
  ...s,
  synapse: { ...s.synapse, configFiles: { ...s.synapse.configFiles, paths: ['/srv/synapse/homeserver.yaml'] } },
});

export function finding(id: string, severity: Finding['severity'], source?: string): Finding {
  return { id, severity, area: 'synapse-database', message: `${id} found`, fix: 'fix it', ...(source ? { source } : {}) };
}

/** A promise settled from outside: main's reply, arriving when the test says. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
