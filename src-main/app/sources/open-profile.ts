import type { Profile, SecretValues } from '../../../src-shared/domain/profile';
import { openSide, type SideConnection, type SideConnectionOptions } from '../../connect/side-connection';
import type { ProfileStore } from '../../profiles/profile-store';

/** A profile ready to use: its settings and both sides (nothing connects until used). */
export interface OpenedProfile {
  profile: Profile;
  synapse: SideConnection;
  mas: SideConnection;
  close(): Promise<void>;
}

export interface OpenProfileOptions extends SideConnectionOptions {
  /** Secrets given another way (asked just now); they win over stored ones. */
  secrets?: SecretValues;
}

/** Opens both sides of a stored profile with its secrets (the vault must be unlocked if it has stored ones). */
export async function openProfile(store: ProfileStore, id: string, options: OpenProfileOptions = {}): Promise<OpenedProfile> {
  const { secretsSet: _set, ...profile } = await store.get(id);
  const secrets = { ...(await store.secrets(id)), ...options.secrets };
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
