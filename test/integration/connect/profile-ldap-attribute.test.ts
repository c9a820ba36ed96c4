import { describe, expect, it } from 'vitest';
import { openProfileSource } from '../../../src-main/app/sources/profile-source';
import { unlockPassphraseVault } from '../../../src-main/profiles/passphrase-vault';
import { ProfileStore } from '../../../src-main/profiles/profile-store';
import { localProfileSettings, tempDataDir } from '../../helpers/profiles';
import { writeConfigFiles } from '../migration/config-files';
import { synapseAndMas } from '../migration/database-pair';

/** The profile's LDAP ID attribute (SPEC §11) reaches the migration's settings; a value that is no attribute name is refused. */
describe('a profile’s ldapIdAttribute', () => {
  it('is carried into the migration settings, absent when unset, and validated', async () => {
    const pair = await synapseAndMas(async () => {});
    const files = await writeConfigFiles(pair.synapse, pair.mas);
    const dataDir = await tempDataDir();
    const cipher = await unlockPassphraseVault(dataDir, 'master passphrase one');
    const store = new ProfileStore({ dataDir, cipher: () => cipher });
    const base = localProfileSettings('LDAP', [files.synapseConfig], [files.masConfig]);
    const withAttribute = await store.create(
      { ...base, options: { ignoreMissingAuthProviders: false, writerConnections: 2, ldapIdAttribute: 'entryUUID' } },
      {},
    );
    const without = await store.create({ ...base, name: 'No LDAP' }, {});
    const settingsOf = async (id: string) => {
      const source = await openProfileSource(store, id, { env: process.env });
      try {
        return await source.migrationSettings();
      } finally {
        await source.close();
      }
    };
    expect((await settingsOf(withAttribute.id)).ldapIdAttribute).toBe('entryUUID');
    expect('ldapIdAttribute' in (await settingsOf(without.id))).toBe(false);
    await expect(
      store.create(
        { ...base, name: 'Bad', options: { ignoreMissingAuthProviders: false, writerConnections: 2, ldapIdAttribute: 'uid)(cn=*' } },
        {},
      ),
    ).rejects.toThrow(/LDAP attribute name/);
  });
});
