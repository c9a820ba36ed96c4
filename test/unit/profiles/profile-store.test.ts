import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unlockPassphraseVault } from '../../../src-main/profiles/passphrase-vault';
import { ProfileStore } from '../../../src-main/profiles/profile-store';
import type { SecretCipher } from '../../../src-main/profiles/secret-cipher';
import { sampleSettings, tempDataDir } from '../../helpers/profiles';

const dbPassword = 'db-Pa55-wörd-7731';
const keyPassphrase = 'key-phrase-99812';

async function storeIn(dataDir: string, cipher: SecretCipher) {
  return new ProfileStore({ dataDir, cipher: () => cipher });
}

async function readAll(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true });
  const texts = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => readFile(join(dir, n), 'utf8')));
  return texts.join('\n');
}

describe('profile store', () => {
  let dataDir: string;
  let cipher: SecretCipher;
  beforeAll(async () => {
    dataDir = await tempDataDir();
    cipher = await unlockPassphraseVault(dataDir, 'master passphrase one');
  });

  it('creates, lists and reads profiles; secrets are encrypted on disk and only reported as set', async () => {
    const store = await storeIn(dataDir, cipher);
    const created = await store.create(sampleSettings('Production'), {
      'synapse.database.password': dbPassword,
      'synapse.ssh.passphrase': keyPassphrase,
    });
    expect(created.secretsSet).toEqual(['synapse.database.password', 'synapse.ssh.passphrase']);
    expect(created.options).toEqual({ ignoreMissingAuthProviders: false, writerConnections: 4 });
    expect(JSON.stringify(created)).not.toContain(dbPassword);
    const disk = await readAll(dataDir);
    expect(disk).toContain('matrix.example.org');
    expect(disk).not.toContain(dbPassword);
    expect(disk).not.toContain(keyPassphrase);
    expect((await store.list()).profiles.map((p) => p.name)).toContain('Production');
    expect(await store.secrets(created.id)).toEqual({ 'synapse.database.password': dbPassword, 'synapse.ssh.passphrase': keyPassphrase });
    // temp files of the atomic writes never remain
    expect((await readdir(store.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a duplicate name (case-insensitive) and a URI carrying a password', async () => {
    const store = await storeIn(dataDir, cipher);
    await store.create(sampleSettings('Staging'));
    await expect(store.create(sampleSettings('staging'))).rejects.toMatchObject({ code: 'profile-name-taken' });
    const withPassword = sampleSettings('Leaky');
    withPassword.mas.database = { source: 'uri', uri: 'postgresql://mas:hunter2@db/mas' };
    await expect(store.create(withPassword)).rejects.toThrow(/must not contain a password/);
  });

  it('updates settings, sets and clears secrets, duplicates with secrets, deletes', async () => {
    const store = await storeIn(dataDir, cipher);
    const p = await store.create(sampleSettings('Editable'), { 'mas.database.password': 'first-secret-1' });
    const updated = await store.update(
      p.id,
      { ...sampleSettings('Edited'), options: { ignoreMissingAuthProviders: true, writerConnections: 8 } },
      { 'mas.database.password': null, 'synapse.ssh.password': 'ssh-secret-2' },
    );
    expect(updated).toMatchObject({ name: 'Edited', options: { writerConnections: 8 }, secretsSet: ['synapse.ssh.password'] });
    const copy = await store.duplicate(p.id, 'Edited copy');
    expect(copy.id).not.toBe(p.id);
    expect(await store.secrets(copy.id)).toEqual({ 'synapse.ssh.password': 'ssh-secret-2' });
    await store.remove(p.id);
    await expect(store.get(p.id)).rejects.toMatchObject({ code: 'profile-not-found' });
    expect((await store.get(copy.id)).name).toBe('Edited copy');
  });

  it('keeps secrets in memory only when the profile does not remember passwords', async () => {
    const store = await storeIn(dataDir, cipher);
    const p = await store.create(
      { ...sampleSettings('Forgetful'), rememberPasswords: false },
      { 'synapse.database.password': 'session-only-pw-1' },
    );
    expect(p.secretsSet).toEqual(['synapse.database.password']);
    expect(await readAll(dataDir)).not.toContain('session-only-pw-1');
    expect(await store.secrets(p.id)).toEqual({ 'synapse.database.password': 'session-only-pw-1' });
    // a new process (new store, new session) has to ask again
    const later = await storeIn(dataDir, cipher);
    expect((await later.get(p.id)).secretsSet).toEqual([]);
    expect(await later.secrets(p.id)).toEqual({});
  });

  it('moves stored secrets off the disk when "remember passwords" is switched off, and back when on', async () => {
    const store = await storeIn(dataDir, cipher);
    const p = await store.create(sampleSettings('Switching'), { 'mas.database.password': 'switch-secret-3' });
    await store.update(p.id, { ...sampleSettings('Switching'), rememberPasswords: false });
    expect(await readFile(join(store.dir, `${p.id}.json`), 'utf8')).not.toContain('"mas.database.password"');
    expect(await store.secrets(p.id)).toEqual({ 'mas.database.password': 'switch-secret-3' });
    await store.update(p.id, { ...sampleSettings('Switching'), rememberPasswords: true });
    expect(await readFile(join(store.dir, `${p.id}.json`), 'utf8')).toContain('"mas.database.password"');
    expect(await (await storeIn(dataDir, cipher)).secrets(p.id)).toEqual({ 'mas.database.password': 'switch-secret-3' });
  });

  it('reports a profile file edited into nonsense by name and field, and keeps the others usable', async () => {
    const dir = await tempDataDir();
    const store = await storeIn(dir, await unlockPassphraseVault(dir, 'another passphrase'));
    const good = await store.create(sampleSettings('Good'));
    const bad = await store.create(sampleSettings('Bad'));
    const badPath = join(store.dir, `${bad.id}.json`);
    const text = await readFile(badPath, 'utf8');
    await writeFile(badPath, text.replace('"writerConnections": 4', '"writerConnections": "many"'));
    const listing = await store.list();
    expect(listing.profiles.map((p) => p.id)).toEqual([good.id]);
    expect(listing.problems).toEqual([{ file: badPath, message: expect.stringContaining('writerConnections') }]);
    await expect(store.get(bad.id)).rejects.toMatchObject({ code: 'profile-corrupt', message: expect.stringContaining(badPath) });
    await writeFile(badPath, '{ not json');
    await expect(store.get(bad.id)).rejects.toMatchObject({ code: 'profile-corrupt', message: expect.stringContaining('not valid JSON') });
    expect((await store.get(good.id)).name).toBe('Good');
  });

  it('serialises concurrent writes: parallel history entries and host keys are all kept', async () => {
    const store = await storeIn(dataDir, cipher);
    const p = await store.create(sampleSettings('Busy'));
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => store.addHistory(p.id, { kind: 'connection-test', outcome: 'ok', summary: `run ${i}` })),
      store.trustHostKey(p.id, { host: 'matrix.example.org', keyType: 'ssh-ed25519', fingerprint: `SHA256:${'D'.repeat(43)}` }),
    ]);
    const after = await store.get(p.id);
    expect(after.history.map((h) => h.summary).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `run ${i}`).sort());
    expect(after.trustedHostKeys).toHaveLength(1);
  });

  it('refuses a secret box moved to another slot', async () => {
    const store = await storeIn(dataDir, cipher);
    const p = await store.create(sampleSettings('Tamper'), { 'synapse.database.password': 'tamper-secret-4' });
    const path = join(store.dir, `${p.id}.json`);
    await writeFile(path, (await readFile(path, 'utf8')).replace('"synapse.database.password"', '"mas.database.password"'));
    await expect(store.secrets(p.id)).rejects.toMatchObject({
      code: 'secret-unreadable',
      message: expect.stringContaining('mas.database.password'),
    });
  });
});

describe('passphrase vault', () => {
  it('refuses a wrong master passphrase without touching the vault or the profiles', async () => {
    const dir = await tempDataDir();
    const store = await storeIn(dir, await unlockPassphraseVault(dir, 'correct horse battery'));
    const p = await store.create(sampleSettings('Vaulted'), { 'synapse.database.password': 'vaulted-secret-5' });
    const before = await readAll(dir);
    await expect(unlockPassphraseVault(dir, 'correct horse battery!')).rejects.toMatchObject({
      code: 'vault-wrong-passphrase',
      message: expect.stringContaining(join(dir, 'vault.json')),
    });
    expect(await readAll(dir)).toBe(before);
    const reopened = await storeIn(dir, await unlockPassphraseVault(dir, 'correct horse battery'));
    expect(await reopened.secrets(p.id)).toEqual({ 'synapse.database.password': 'vaulted-secret-5' });
  });

  it('refuses a short new passphrase and reports a damaged vault file', async () => {
    const dir = await tempDataDir();
    await expect(unlockPassphraseVault(dir, 'short')).rejects.toMatchObject({ code: 'vault-passphrase-too-short' });
    await writeFile(join(dir, 'vault.json'), '[]');
    await expect(unlockPassphraseVault(dir, 'whatever passphrase')).rejects.toMatchObject({ code: 'vault-corrupt' });
  });
});
