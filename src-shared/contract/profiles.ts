import { z } from 'zod';
import { ProfileName, ProfileSettings, ProfileView, SecretsInput } from '../domain/profile';
import { channel } from './define';

const profileId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a profile id');
const passphrase = z.string().min(1).max(1024);

/** How stored secrets are protected, and whether they can be used now. */
export const VaultStatus = z.object({
  kind: z.enum(['safe-storage', 'passphrase']),
  /** The passphrase vault exists (a master passphrase was chosen). */
  initialised: z.boolean(),
  unlocked: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const ProfileListing = z.object({
  profiles: z.array(ProfileView),
  problems: z.array(z.object({ file: z.string(), message: z.string() })),
});

const ok = z.object({ ok: z.literal(true) });

export const profileChannels = {
  'profiles.vaultStatus': channel({ input: z.object({}).strict(), output: VaultStatus }),
  /** Opens the passphrase vault (creating it with this passphrase on first use). */
  'profiles.unlock': channel({ input: z.object({ passphrase }).strict(), output: VaultStatus }),
  'profiles.list': channel({ input: z.object({}).strict(), output: ProfileListing }),
  'profiles.get': channel({ input: z.object({ id: profileId }).strict(), output: ProfileView }),
  'profiles.create': channel({
    input: z.object({ settings: ProfileSettings, secrets: SecretsInput.default({}) }).strict(),
    output: ProfileView,
  }),
  'profiles.update': channel({
    input: z.object({ id: profileId, settings: ProfileSettings, secrets: SecretsInput.default({}) }).strict(),
    output: ProfileView,
  }),
  'profiles.duplicate': channel({ input: z.object({ id: profileId, name: ProfileName }).strict(), output: ProfileView }),
  'profiles.delete': channel({ input: z.object({ id: profileId }).strict(), output: ok }),
  /** Secrets for this session only (a profile that does not remember passwords asks them each time). */
  'profiles.provideSecrets': channel({ input: z.object({ id: profileId, secrets: SecretsInput }).strict(), output: ProfileView }),
  /** The profile with its secrets as a passphrase-encrypted file's content. */
  'profiles.export': channel({
    input: z.object({ id: profileId, passphrase }).strict(),
    output: z.object({ fileName: z.string(), content: z.string() }),
  }),
  'profiles.import': channel({
    input: z.object({ content: z.string().max(1_000_000), passphrase, name: ProfileName.optional() }).strict(),
    output: ProfileView,
  }),
};
