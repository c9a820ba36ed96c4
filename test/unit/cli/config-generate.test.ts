import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { aliasBombYaml, synapseFixture, yamlFiles } from '../config/fixtures';
import { cli } from '../../helpers/cli';
import { unknownGroupError } from '../../helpers/electron-crypto';
import { tempFolder } from '../../helpers/temp-folders';

const tempDir = () => tempFolder('mas-generate-');

describe('mas-migrator config generate', () => {
  it('prints the MAS config on stdout and the warnings on stderr', async () => {
    const result = await cli('config', 'generate', '--synapse-config', synapseFixture('legacy-oidc.yaml'));
    expect(result.code).toBe(0);
    expect(parse(result.stdout)).toMatchObject({
      matrix: { homeserver: 'legacy.example' },
      upstream_oauth2: { providers: [{ synapse_idp_id: 'oidc' }] },
    });
    expect(result.stderr).toMatch(/^warning \[client-secret-path\] Provider oidc: /m);
    expect(result.stderr).toMatch(/^ {4}at: \S+legacy-oidc\.yaml line 10: oidc_config\.client_secret_path$/m);
  });

  it('writes --output and --synapse-section with the same secret, and refuses to overwrite without --force', async () => {
    const dir = await tempDir();
    const output = join(dir, 'mas.yaml');
    const section = join(dir, 'synapse-mas.yaml');
    const first = await cli(
      'config',
      'generate',
      '--synapse-config',
      synapseFixture('oidc-jinja.yaml'),
      '--output',
      output,
      '--synapse-section',
      section,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(`Wrote the MAS config to ${output}.`);
    const mas = parse(await readFile(output, 'utf8'));
    const synapse = parse(await readFile(section, 'utf8'));
    expect(synapse.matrix_authentication_service).toEqual({ enabled: true, endpoint: mas.http.public_base, secret: mas.matrix.secret });

    const refused = await cli(
      'config',
      'generate',
      '--synapse-config',
      synapseFixture('oidc-jinja.yaml'),
      '--output',
      join(dir, 'new.yaml'),
      '--synapse-section',
      section,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `mas-migrator: ${section} already exists; nothing was written. Choose another file, or confirm overwriting (a timestamped backup is kept).\n`,
    );
    expect((await readdir(dir)).sort()).toEqual(['mas.yaml', 'synapse-mas.yaml']);

    const forced = await cli('config', 'generate', '--synapse-config', synapseFixture('oidc-jinja.yaml'), '--output', output, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/previous file kept as .*mas\.yaml\.bak-\d{8}-\d{6}\)/);
    expect(parse(await readFile(output, 'utf8')).matrix.secret).not.toBe(mas.matrix.secret);
  });

  it('bad input writes nothing and exits 2 with one line', async () => {
    const dir = await tempDir();
    const output = join(dir, 'mas.yaml');
    for (const bad of ['bad/wrong-types.yaml', 'bad/missing-server-name.yaml', 'bad/list-root.yaml', 'bad/mas-instead.yaml']) {
      const result = await cli('config', 'generate', '--synapse-config', synapseFixture(bad), '--output', output);
      expect({ bad, code: result.code, lines: result.stderr.split('\n').length }).toEqual({ bad, code: 2, lines: 2 });
      expect(result.stderr).toContain(bad);
    }
    expect(await readdir(dir)).toEqual([]);
    expect(await cli('config', 'generate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--synapse-config FILE is required'),
    });
    expect(await cli('config', 'generate', '--synapse-config', synapseFixture('oidc-jinja.yaml'), 'extra')).toMatchObject({ code: 2 });
  });

  it('keeps an existing file untouched when generation is refused', async () => {
    const dir = await tempDir();
    const output = join(dir, 'mas.yaml');
    await writeFile(output, '# mine\n');
    expect((await cli('config', 'generate', '--synapse-config', synapseFixture('oidc-jinja.yaml'), '--output', output)).code).toBe(2);
    expect(await readFile(output, 'utf8')).toBe('# mine\n');
  });

  it('takes a folder as Synapse does: homeserver.yaml plus conf.d/, saying on stderr what it skipped', async () => {
    const result = await cli(
      'config',
      'generate',
      '--synapse-config',
      synapseFixture('debian/homeserver.yaml'),
      '--synapse-config',
      synapseFixture('debian/conf.d'),
    );
    expect(result.code).toBe(0);
    expect(parse(result.stdout).matrix.homeserver).toBe('debian.example');
    expect(result.stdout).toContain(
      `generated from Synapse's (${synapseFixture('debian/homeserver.yaml')}, ${synapseFixture('debian/conf.d/database.yaml')}`,
    );
    expect(result.stderr).toMatch(/^warning \[config-folder-entry-skipped\] \S+debian\/conf\.d\/disabled was not read: it is a subfolder/m);
    expect(result.stderr).toMatch(/^warning \[config-folder-entry-skipped\] \S+debian\/conf\.d\/registration\.yml was not read/m);
  });

  it('an alias bomb, a too deep or a too big file exits 2 with one line naming the file', async () => {
    const [bomb, deep, big] = await yamlFiles(
      aliasBombYaml(),
      `server_name: x\nthing: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      `server_name: x\npadding: "${'x'.repeat(3 * 1024 * 1024)}"\n`,
    );
    const said = {
      [bomb!]: `${bomb}: its aliases (*name) would expand into an enormous document`,
      [deep!]: `${deep} line 2: nested more than 64 levels deep`,
      [big!]: `${big} on this computer is 3145755 bytes; a config file may be at most 2 MiB (2097152 bytes).`,
    };
    for (const [file, message] of Object.entries(said)) {
      const result = await cli('config', 'generate', '--synapse-config', file);
      expect({ code: result.code, stdout: result.stdout, lines: result.stderr.split('\n').length }).toEqual({
        code: 2,
        stdout: '',
        lines: 2,
      });
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain('unexpected error');
    }
  });

  it('a runtime whose crypto lacks a key type gets one clear line, not "unexpected error"', async () => {
    // A crypto without EC keys at all, failing as BoringSSL does for a group it lacks.
    const crypto = createRequire(import.meta.url)('node:crypto') as { generateKeyPair: unknown };
    const narrowed = crypto.generateKeyPair;
    crypto.generateKeyPair = Object.assign(() => undefined, { [promisify.custom]: () => Promise.reject(unknownGroupError()) });
    syncBuiltinESMExports();
    try {
      const result = await cli('config', 'generate', '--synapse-config', synapseFixture('oidc-jinja.yaml'));
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'mas-migrator: Could not generate the MAS signing keys (RSA 2048, EC P-256, P-384 and secp256k1): error:0f00007b:elliptic curve routines:OPENSSL_internal:UNKNOWN_GROUP' +
          ' This runtime lacks a cryptographic algorithm MAS needs; please report it with your operating system and app version.\n',
      });
    } finally {
      crypto.generateKeyPair = narrowed;
      syncBuiltinESMExports();
    }
  });
});
