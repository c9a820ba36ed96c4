import { describe, expect, it } from 'vitest';
import { createProfileRuntime } from '../../../src-main/profiles/profile-runtime';
import { safeStorageCipher } from '../../../src-main/profiles/safe-storage-cipher';
import { keyringStandIn } from '../../helpers/keyring-stand-in';
import { sampleSettings, tempDataDir } from '../../helpers/profiles';

describe('Electron safeStorage as the secret cipher', () => {
  it('is used only with a real keyring: not when unavailable, nor with Linux basic_text', () => {
    expect(safeStorageCipher(keyringStandIn('gnome_libsecret', false), 'linux')).toBeUndefined();
    expect(safeStorageCipher(keyringStandIn('basic_text'), 'linux')).toBeUndefined();
    expect(safeStorageCipher(keyringStandIn(undefined), 'linux')).toBeUndefined();
    expect(safeStorageCipher(keyringStandIn('kwallet5'), 'linux')?.kind).toBe('safe-storage');
    expect(safeStorageCipher(keyringStandIn(undefined), 'darwin')?.kind).toBe('safe-storage');
  });

  it('binds each secret to its slot', async () => {
    const cipher = safeStorageCipher(keyringStandIn('gnome_libsecret'), 'linux')!;
    const box = await cipher.seal('keyring-secret-1', 'P1/synapse.database.password');
    expect(await cipher.open(box, 'P1/synapse.database.password')).toBe('keyring-secret-1');
    await expect(cipher.open(box, 'P1/mas.database.password')).rejects.toMatchObject({ code: 'secret-unreadable' });
  });

  it('stores profiles without a master passphrase when the keyring is real, and falls back to the vault otherwise', async () => {
    const withKeyring = createProfileRuntime(
      await tempDataDir(),
      process.platform === 'linux' ? keyringStandIn('gnome_libsecret') : keyringStandIn(undefined),
    );
    expect(await withKeyring.vaultStatus()).toEqual({ kind: 'safe-storage', initialised: true, unlocked: true });
    const p = await withKeyring.store.create(sampleSettings(), { 'mas.database.password': 'keyring-secret-2' });
    expect(await withKeyring.store.secrets(p.id)).toEqual({ 'mas.database.password': 'keyring-secret-2' });

    const plainText = createProfileRuntime(await tempDataDir(), keyringStandIn('basic_text'));
    if (process.platform === 'linux')
      expect(await plainText.vaultStatus()).toEqual({ kind: 'passphrase', initialised: false, unlocked: false });
  });
});
