import { chmod, cp, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileAccess, maxConfigFileBytes } from '../../../src-main/connect/files/file-access';
import { localFiles } from '../../../src-main/connect/files/local-files';
import { sftpFiles } from '../../../src-main/connect/files/sftp-files';
import type { SshSession } from '../../../src-main/connect/ssh/ssh-session';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { synapseFixture } from '../../unit/config/fixtures';
import { sessionTo, trustedKeyOf } from '../../helpers/ssh-routes';
import { startSshd, sshdPath, type TestSshd } from '../../helpers/sshd';
import { hasTool } from '../../helpers/tools';
import { tempDataDir } from '../../helpers/profiles';

let sshd: TestSshd;
let session: SshSession;
const withSshd = hasTool(sshdPath, 'openssh-server');

beforeAll(async () => {
  if (!withSshd) return;
  sshd = await startSshd();
  session = await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] });
});

afterAll(async () => {
  await session?.close();
  await sshd?.stop();
});

const kinds: [string, () => FileAccess][] = [
  ['this computer', () => localFiles],
  ...(withSshd ? ([['SFTP through a real sshd', () => sftpFiles(session)]] as [string, () => FileAccess][]) : []),
];

describe.each(kinds)('config files on %s', (_name, files) => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDataDir();
    await mkdir(join(dir, 'conf.d'), { recursive: true });
  });

  it('reads a file, and names a missing one and where it was looked for', async () => {
    await writeFile(join(dir, 'homeserver.yaml'), 'server_name: example.org\n');
    expect(await files().readText(join(dir, 'homeserver.yaml'))).toBe('server_name: example.org\n');
    await expect(files().readText(join(dir, 'nope.yaml'))).rejects.toMatchObject({
      code: 'file-missing',
      message: expect.stringContaining(`${join(dir, 'nope.yaml')} does not exist on ${files().where}`),
    });
  });

  it('writes only with a timestamped backup of the original beside it, keeping the file mode', async () => {
    const path = join(dir, 'mas.yaml');
    await writeFile(path, 'old: true\n');
    await chmod(path, 0o640);
    const { backupPath } = await files().writeTextWithBackup(path, 'new: true\n');
    expect(backupPath).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}\\.bak-\\d{8}-\\d{6}$`));
    expect(await readFile(path, 'utf8')).toBe('new: true\n');
    expect(await readFile(backupPath!, 'utf8')).toBe('old: true\n');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(await files().writeTextWithBackup(join(dir, 'fresh.yaml'), 'a: 1\n')).toEqual({});
  });

  it('keeps every backup when a file is replaced several times within one second', async () => {
    const path = join(dir, 'dex.yaml');
    await writeFile(path, 'v: 0\n');
    const backups: string[] = [];
    for (const v of [1, 2, 3]) backups.push((await files().writeTextWithBackup(path, `v: ${v}\n`)).backupPath!);
    // The same second gives …-2, …-3; a new second starts again at the bare stamp.
    expect(new Set(backups).size).toBe(3);
    expect(await Promise.all(backups.map((b) => readFile(b, 'utf8')))).toEqual(['v: 0\n', 'v: 1\n', 'v: 2\n']);
    expect(await readFile(path, 'utf8')).toBe('v: 3\n');
  });

  it('lists a folder, folders first', async () => {
    const entries = await files().list(dir);
    expect(entries[0]).toMatchObject({ name: 'conf.d', type: 'directory' });
    expect(entries.find((e) => e.name === 'homeserver.yaml')).toMatchObject({ type: 'file', size: 25 });
  });

  it('refuses a folder given as a file, naming it', async () => {
    await expect(files().readText(join(dir, 'conf.d'))).rejects.toMatchObject({
      code: 'file-is-directory',
      message: `${join(dir, 'conf.d')} on ${files().where} is a folder, not a file.`,
    });
  });

  it('refuses a file over the size limit, saying its size and the limit, and reads a device only up to the limit', async () => {
    const big = join(dir, 'big.yaml');
    await writeFile(big, Buffer.alloc(maxConfigFileBytes + 1, 'x'));
    await expect(files().readText(big)).rejects.toMatchObject({
      code: 'file-too-large',
      message: `${big} on ${files().where} is ${maxConfigFileBytes + 1} bytes; a config file may be at most 2 MiB (${maxConfigFileBytes} bytes).`,
    });
    const exact = join(dir, 'exact.yaml');
    await writeFile(exact, Buffer.alloc(maxConfigFileBytes, 'y'));
    expect((await files().readText(exact)).length).toBe(maxConfigFileBytes);
    // /dev/zero reports size 0 and never ends: only the bytes read can stop it.
    await expect(files().readText('/dev/zero')).rejects.toMatchObject({
      code: 'file-too-large',
      message: `/dev/zero on ${files().where} holds more than 2 MiB; a config file may be at most 2 MiB (${maxConfigFileBytes} bytes).`,
    });
  });

  it("loads Synapse's Debian layout through it: homeserver.yaml plus the folder conf.d/ (links count as their target)", async () => {
    const layout = join(dir, 'debian');
    await cp(synapseFixture('debian'), layout, { recursive: true });
    await writeFile(join(layout, 'extra.conf'), 'public_baseurl: https://linked.example/\n');
    await symlink(join(layout, 'extra.conf'), join(layout, 'conf.d', 'zz-linked.yaml'));
    const cfg = await loadSynapseConfig([join(layout, 'homeserver.yaml'), join(layout, 'conf.d')], {
      readText: (path) => files().readText(path),
      list: (path) => files().list(path),
    });
    expect(cfg.files).toEqual(
      ['homeserver.yaml', 'conf.d/database.yaml', 'conf.d/report_stats.yaml', 'conf.d/server_name.yaml', 'conf.d/zz-linked.yaml'].map(
        (name) => join(layout, name),
      ),
    );
    expect(cfg.model.server_name).toBe('debian.example');
    expect(cfg.model.public_baseurl).toBe('https://linked.example/');
    expect(cfg.model.database?.args).toEqual({
      user: 'synapse',
      password: 'conf-d-password',
      host: 'db.conf-d.example',
      port: 5433,
      database: 'synapse_live',
    });
    expect(cfg.warnings.map((w) => w.source)).toEqual([join(layout, 'conf.d/disabled'), join(layout, 'conf.d/registration.yml')]);
  });
});
