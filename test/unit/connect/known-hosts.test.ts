import { sshKeyPair } from '../../helpers/ssh-keys';
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { sha256Fingerprint } from '../../../src-main/connect/ssh/fingerprint';
import { hostMatches, knownHostsName, lookupHostKey, parseKnownHosts } from '../../../src-main/connect/ssh/known-hosts';
import { tempFolder } from '../../helpers/temp-folders';

const run = promisify(execFile);

function newKey() {
  const parsed = utils.parseKey(sshKeyPair().public);
  if (parsed instanceof Error) throw parsed;
  return { blob: parsed.getPublicSSH(), line: `ssh-ed25519 ${parsed.getPublicSSH().toString('base64')}` };
}

describe('known_hosts', () => {
  it('names hosts as OpenSSH does: bare on port 22, [host]:port otherwise', () => {
    expect(knownHostsName('matrix.example.org', 22)).toBe('matrix.example.org');
    expect(knownHostsName('matrix.example.org', 2222)).toBe('[matrix.example.org]:2222');
  });

  it('prints the same SHA256 fingerprint as ssh-keygen -lf', async () => {
    const dir = await tempFolder('mas-migrator-fp-');
    const key = newKey();
    await writeFile(join(dir, 'key.pub'), `${key.line}\n`);
    const { stdout } = await run('ssh-keygen', ['-lf', join(dir, 'key.pub')]);
    expect(stdout.split(' ')[1]).toBe(sha256Fingerprint(key.blob));
    await rm(dir, { recursive: true });
  });

  it('matches hashed entries written by ssh-keygen -H, and only for that name', async () => {
    const dir = await tempFolder('mas-migrator-kh-');
    const key = newKey();
    const file = join(dir, 'known_hosts');
    await writeFile(file, `[db.example.org]:2222 ${key.line}\nplain.example.org ${key.line}\n`);
    await run('ssh-keygen', ['-H', '-f', file]);
    const entries = parseKnownHosts(await readFile(file, 'utf8'), file);
    expect(entries.every((e) => e.patterns.startsWith('|1|'))).toBe(true);
    expect(lookupHostKey(entries, '[db.example.org]:2222', 'ssh-ed25519', key.blob)).toMatchObject({ kind: 'match', origin: `${file}:1` });
    expect(lookupHostKey(entries, 'db.example.org', 'ssh-ed25519', key.blob)).toEqual({ kind: 'unknown' });
    expect(lookupHostKey(entries, 'plain.example.org', 'ssh-ed25519', newKey().blob)).toMatchObject({ kind: 'mismatch' });
    await rm(dir, { recursive: true });
  });

  it('understands comma lists, wildcards, negations, @revoked, and other key types as unknown', () => {
    expect(hostMatches('a.example.org,b.example.org', 'b.example.org')).toBe(true);
    expect(hostMatches('*.example.org,!secret.example.org', 'db.example.org')).toBe(true);
    expect(hostMatches('*.example.org,!secret.example.org', 'secret.example.org')).toBe(false);
    expect(hostMatches('db?.example.org', 'db1.example.org')).toBe(true);
    const key = newKey();
    const entries = parseKnownHosts(`@revoked * ${key.line}\nother.example.org ecdsa-sha2-nistp256 AAAA\n`, 'kh');
    expect(lookupHostKey(entries, 'any.example.org', 'ssh-ed25519', key.blob)).toEqual({ kind: 'revoked', origin: 'kh:1' });
    expect(lookupHostKey(entries, 'other.example.org', 'ssh-ed25519', newKey().blob)).toEqual({ kind: 'unknown' });
  });
});
