import { z } from 'zod';
import { ProfileId } from '../domain/ids';
import { ProfileName, ProfileSettings, ProfileView, SecretsInput } from '../domain/profile';
import { channel } from './define';

const passphrase = z.string().min(1).max(1024);

export const ProfileListing = z.object({
  profiles: z.array(ProfileView),
  problems: z.array(z.object({ file: z.string(), message: z.string() })),
});

const ok = z.object({ ok: z.literal(true) });

/** The list of stored profiles: create, change, copy, remove, export and import them. */
export const profileChannels = {
  'profiles.list': channel({ input: z.object({}).strict(), output: ProfileListing }),
  'profiles.get': channel({ input: z.object({ id: ProfileId }).strict(), output: ProfileView }),
  'profiles.create': channel({
    input: z.object({ settings: ProfileSettings, secrets: SecretsInput.default({}) }).strict(),
    output: ProfileView,
  }),
  'profiles.update': channel({
    input: z.object({ id: ProfileId, settings: ProfileSettings, secrets: SecretsInput.default({}) }).strict(),
    output: ProfileView,
  }),
  'profiles.duplicate': channel({ input: z.object({ id: ProfileId, name: ProfileName }).strict(), output: ProfileView }),
  'profiles.delete': channel({ input: z.object({ id: ProfileId }).strict(), output: ok }),
  /** The profile with its secrets as a passphrase-encrypted file's content. */
  'profiles.export': channel({
    input: z.object({ id: ProfileId, passphrase }).strict(),
    output: z.object({ fileName: z.string(), content: z.string() }),
  }),
  'profiles.import': channel({
    input: z.object({ content: z.string().max(1_000_000), passphrase, name: ProfileName.optional() }).strict(),
    output: ProfileView,
  }),
};
