import { describe, expect, it } from 'vitest';
import { unlockPassphraseVault } from '../../../src-main/profiles/passphrase-vault';
import { exportProfile, importProfile } from '../../../src-main/profiles/profile-export';
import { ProfileStore } from '../../../src-main/profiles/profile-store';
import { sampleSettings, tempDataDir } from '../../helpers/profiles';

async function newStore() {
  const dataDir = await tempDataDir();
  const cipher = await unlockPassphraseVault(dataDir, `vault of ${dataDir}`);
  return new ProfileStore({ dataDir, cipher: () => cipher });
}

describe('profile export and import', () => {
  it('exports a profile with its secrets as a passphrase-encrypted file that imports elsewhere', async () => {
    const source = await newStore();
    const p = await source.create(sampleSettings('Exported'), { 'synapse.database.password': 'exported-secret-6' });
    await source.trustHostKey(p.id, { host: '[matrix.example.org]:2222', keyType: 'ssh-ed25519', fingerprint: `SHA256:${'A'.repeat(43)}` });
    const text = await exportProfile(source, p.id, 'export passphrase');
    // nothing readable: not the secret, nor the host names
    expect(text).not.toContain('exported-secret-6');
    expect(text).not.toContain('matrix.example.org');
    expect(text).not.toContain('Exported');

    const target = await newStore();
    await expect(importProfile(target, text, 'wrong passphrase')).rejects.toMatchObject({ code: 'import-wrong-passphrase' });
    expect((await target.list()).profiles).toEqual([]);
    const imported = await importProfile(target, text, 'export passphrase');
    expect(imported).toMatchObject({
      name: 'Exported',
      synapse: { ssh: { host: 'matrix.example.org' } },
      trustedHostKeys: [{ host: '[matrix.example.org]:2222' }],
    });
    expect(await target.secrets(imported.id)).toEqual({ 'synapse.database.password': 'exported-secret-6' });
    await expect(importProfile(target, text, 'export passphrase')).rejects.toMatchObject({ code: 'profile-name-taken' });
    expect((await importProfile(target, text, 'export passphrase', 'Exported 2')).name).toBe('Exported 2');
  });

  it('leaves out secrets the profile does not remember', async () => {
    const source = await newStore();
    const p = await source.create(
      { ...sampleSettings('Forgetful export'), rememberPasswords: false },
      { 'synapse.database.password': 'session-secret-7' },
    );
    const target = await newStore();
    const imported = await importProfile(target, await exportProfile(source, p.id, 'export passphrase'), 'export passphrase');
    expect(imported.secretsSet).toEqual([]);
    expect(imported.rememberPasswords).toBe(false);
  });

  it('refuses a file that is not an export and a short export passphrase', async () => {
    const store = await newStore();
    await expect(importProfile(store, '{"hello": 1}', 'x')).rejects.toMatchObject({ code: 'import-not-an-export' });
    const p = await store.create(sampleSettings('Short'));
    await expect(exportProfile(store, p.id, 'short')).rejects.toMatchObject({ code: 'export-passphrase-too-short' });
  });
});
