import { readFile } from 'node:fs/promises';
import type { Profile } from '../../src-shared/domain/profile';
import { AppError } from '../../src-shared/errors';
import { openSide, type SideConnection, type SideConnectionOptions } from '../connect/side-connection';
import { unlockPassphraseVault } from './passphrase-vault';
import { ProfileStore } from './profile-store';
import type { SecretCipher } from './secret-cipher';
import type { SecretValues } from './session-secrets';

/** Gives the master passphrase when the profile's secrets must be decrypted (asked only then). */
export type PassphraseSource = () => Promise<string>;

export const passphraseEnvVar = 'MAS_MIGRATOR_PASSPHRASE';

/** The master passphrase from a file (first line) or from MAS_MIGRATOR_PASSPHRASE, for unattended runs. */
export function passphraseFromEnvironment(env: NodeJS.ProcessEnv = process.env, file?: string): PassphraseSource {
  return async () => {
    if (file) {
      try {
        return (await readFile(file, 'utf8')).split(/\r?\n/)[0] ?? '';
      } catch (error) {
        throw new AppError('passphrase-file-unreadable', `The passphrase file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`, 'Check the --passphrase-file path.');
      }
    }
    const value = env[passphraseEnvVar];
    if (value) return value;
    throw new AppError('passphrase-required', "The profile's secrets are encrypted with the master passphrase.", `Set ${passphraseEnvVar}, or pass --passphrase-file FILE.`);
  };
}

/** A profile opened for a command-line run: its settings and both sides, ready to connect. */
export interface CliProfile {
  profile: Profile;
  synapse: SideConnection;
  mas: SideConnection;
  close(): Promise<void>;
}

export interface CliProfileOptions extends SideConnectionOptions {
  /** Secrets given another way (e.g. a profile that does not remember passwords); they win over stored ones. */
  secrets?: SecretValues;
}

/**
 * What `--profile NAME` resolves to: the profile from `dataDir`, its secrets
 * decrypted (the passphrase is asked only if it has stored secrets), and
 * both sides opened lazily (nothing connects until used).
 */
export async function resolveProfileForCli(name: string, dataDir: string, passphrase: PassphraseSource, options: CliProfileOptions = {}): Promise<CliProfile> {
  let cipher: SecretCipher | undefined;
  const store = new ProfileStore({
    dataDir,
    cipher: () => {
      if (!cipher) throw new AppError('vault-locked', 'The secret vault is locked.', 'Give the master passphrase.');
      return cipher;
    },
  });
  const view = await store.findByName(name);
  if (view.secretsSet.length > 0) cipher = await unlockPassphraseVault(dataDir, await passphrase());
  const secrets = { ...(await store.secrets(view.id)), ...options.secrets };
  const { secretsSet: _set, ...profile } = view;
  const synapse = await openSide(profile, 'synapse', secrets, options);
  const mas = await openSide(profile, 'mas', secrets, options).catch(async (error) => {
    await synapse.close();
    throw error;
  });
  return {
    profile,
    synapse,
    mas,
    async close() {
      await Promise.all([synapse.close(), mas.close()]);
    },
  };
}
