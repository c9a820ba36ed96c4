import type { ProfileView } from '../../../src-shared/domain/profile';

/**
 * The settings of a profile that a piece of state was made from, as one
 * comparable string. When the open profile's scope is no longer the one a
 * state or a reply was made for, that state is forgotten and that reply dropped.
 */
export type Scope = (profile: ProfileView) => string;

/** JSON with sorted keys, so two equal settings give the same text whatever order main wrote them in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** What the checks read and judge by: both sides (configs, databases, SSH routes), the passwords set, the options; not the name. */
export const checksScope: Scope = (p) =>
  canonical({ id: p.id, synapse: p.synapse, mas: p.mas, secretsSet: [...p.secretsSet].sort(), options: p.options });

/** Where both configs are read (a generated MAS config comes from Synapse's) and the MAS config saved: config files, SSH routes. */
export const configScope: Scope = (p) =>
  canonical({
    id: p.id,
    synapse: { configFiles: p.synapse.configFiles, ssh: p.synapse.ssh ?? null },
    mas: { configFiles: p.mas.configFiles, ssh: p.mas.ssh ?? null },
  });

/** Whether something made for `made` (a scope) still describes the open profile. */
export function describesOpenProfile(made: string, open: ProfileView | undefined, scope: Scope): boolean {
  return open !== undefined && scope(open) === made;
}
