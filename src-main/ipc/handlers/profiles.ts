import type { profileChannels } from '../../../src-shared/contract/profiles';
import { exportProfile, importProfile } from '../../profiles/profile-export';
import type { Handler } from '../router';

type C = typeof profileChannels;

/** A file name from the profile name: letters, digits and dashes only. */
function exportFileName(name: string): string {
  const base = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'profile';
  return `${base}.mas-migrator-profile`;
}

export const profileHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'profiles.list': async (_input, ctx) => ctx.services.profiles.store.list(),
  'profiles.get': async ({ id }, ctx) => ctx.services.profiles.store.get(id),
  'profiles.create': async ({ settings, secrets }, ctx) => ctx.services.profiles.store.create(settings, secrets),
  'profiles.update': async ({ id, settings, secrets }, ctx) => ctx.services.profiles.store.update(id, settings, secrets),
  'profiles.duplicate': async ({ id, name }, ctx) => ctx.services.profiles.store.duplicate(id, name),
  'profiles.delete': async ({ id }, ctx) => {
    await ctx.services.profiles.store.remove(id);
    return { ok: true as const };
  },
  'profiles.export': async ({ id, passphrase }, ctx) => {
    const { store } = ctx.services.profiles;
    const profile = await store.get(id);
    return { fileName: exportFileName(profile.name), content: await exportProfile(store, id, passphrase) };
  },
  'profiles.import': async ({ content, passphrase, name }, ctx) => importProfile(ctx.services.profiles.store, content, passphrase, name),
};
