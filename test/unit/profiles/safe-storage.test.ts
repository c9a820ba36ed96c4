import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProfileRuntime } from '../../../src-main/profiles/profile-runtime';
import { type SafeStorageLike, safeStorageCipher } from '../../../src-main/profiles/safe-storage-cipher';
import { sampleSettings, tempDataDir } from '../../helpers/profiles';

/**
 * Electron's safeStorage only runs inside Electron with an OS keyring; this
 * stand-in has its interface and encrypts for real, so the rules around it
 * (which backend counts as real, slot binding) are what is tested here.
 */
function keyringStandIn(backend: string | undefined, available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

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
