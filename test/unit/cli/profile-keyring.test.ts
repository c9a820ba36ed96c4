import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passphraseFromEnvironment } from '../../../src-main/hosts/cli/passphrase';
import { profileByName } from '../../../src-main/app/sources/profile-by-name';
import { vaultPath } from '../../../src-main/profiles/passphrase-vault';
import { createProfileRuntime } from '../../../src-main/profiles/profile-runtime';
import { runCliCaptured } from '../../helpers/cli';
import { keyringStandIn } from '../../helpers/keyring-stand-in';
import { sampleSettings, tempDataDir } from '../../helpers/profiles';

// The installed command line runs as plain Node (ELECTRON_RUN_AS_NODE=1): Electron's safeStorage is not there,
// so a profile whose passwords the app sealed with the OS keyring cannot be opened by it.
describe('--profile with passwords in the OS keyring', () => {
  it('is refused with the profile named and what to do, before any passphrase is used', async () => {
    const dataDir = await tempDataDir();
    const app = createProfileRuntime(dataDir, keyringStandIn(process.platform === 'linux' ? 'gnome_libsecret' : undefined));
    expect((await app.vaultStatus()).kind).toBe('safe-storage');
    await app.store.create(sampleSettings('Production'), { 'synapse.database.password': 'keyring-held-1' });

    const result = await runCliCaptured(['syn2mas', 'check', '--profile', 'production', '--data-dir', dataDir], {
      env: { MAS_MIGRATOR_PASSPHRASE: 'a master passphrase' },
    });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('The profile "Production" keeps its passwords in the OS keyring');
    expect(result.stderr).toContain('Run it from the MAS Migrator app, or give the configs on the command line');
    expect(result.stderr).toContain('--config and --synapse-config');
    expect(result.stderr).not.toContain('keyring-held-1');
    // The passphrase was not used: no vault was created with it on the way.
    expect(existsSync(vaultPath(dataDir))).toBe(false);
  });

  it('still opens a profile of the same app that stores no password, without asking for a passphrase', async () => {
    const dataDir = await tempDataDir();
    const app = createProfileRuntime(dataDir, keyringStandIn(process.platform === 'linux' ? 'gnome_libsecret' : undefined));
    const view = await app.store.create({ ...sampleSettings('Asks each time'), rememberPasswords: false });
    const found = await profileByName('asks each time', dataDir, passphraseFromEnvironment({}));
    expect(found.profileId).toBe(view.id);
    expect(await found.store.secrets(view.id)).toEqual({});
  });
});
