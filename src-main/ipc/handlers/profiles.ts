import type { profileChannels } from '../../../src-shared/contract/profiles';
import { exportProfile, importProfile } from '../../profiles/profile-export';
import type { Handler } from '../router';
import { profileRuntimeOf } from './profile-runtime-of';

type C = typeof profileChannels;

/** A file name from the profile name: letters, digits and dashes only. */
function exportFileName(name: string): string {
  const base = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'profile';
  return `${base}.mas-migrator-profile`;
}

export const profileHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'profiles.vaultStatus': async (_input, ctx) => profileRuntimeOf(ctx.services).vaultStatus(),
  'profiles.unlock': async ({ passphrase }, ctx) => profileRuntimeOf(ctx.services).unlock(passphrase),
  'profiles.list': async (_input, ctx) => profileRuntimeOf(ctx.services).store.list(),
  'profiles.get': async ({ id }, ctx) => profileRuntimeOf(ctx.services).store.get(id),
  'profiles.create': async ({ settings, secrets }, ctx) => profileRuntimeOf(ctx.services).store.create(settings, secrets),
  'profiles.update': async ({ id, settings, secrets }, ctx) => profileRuntimeOf(ctx.services).store.update(id, settings, secrets),
  'profiles.duplicate': async ({ id, name }, ctx) => profileRuntimeOf(ctx.services).store.duplicate(id, name),
  'profiles.delete': async ({ id }, ctx) => {
    await profileRuntimeOf(ctx.services).store.remove(id);
    return { ok: true as const };
  },
  'profiles.provideSecrets': async ({ id, secrets }, ctx) => profileRuntimeOf(ctx.services).store.provideSessionSecrets(id, secrets),
  'profiles.export': async ({ id, passphrase }, ctx) => {
    const { store } = profileRuntimeOf(ctx.services);
    const profile = await store.get(id);
    return { fileName: exportFileName(profile.name), content: await exportProfile(store, id, passphrase) };
  },
  'profiles.import': async ({ content, passphrase, name }, ctx) =>
    importProfile(profileRuntimeOf(ctx.services).store, content, passphrase, name),
};
