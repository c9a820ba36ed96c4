import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadMasSchema } from '../../../src-main/engine/config/mas/mas-schema';
import { plainNodeCrypto } from '../../helpers/electron-crypto';
import { narrowedNodeArgs } from '../../helpers/narrowed-node';
import { reference, synapseFixture } from '../../unit/config/fixtures';
import { tempFolder } from '../../helpers/temp-folders';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The built command line (`npm run build`: out/main/cli.js) on node:crypto
 * narrowed to Electron's set, as the installed `mas-migrator` runs on the
 * app's own runtime (ELECTRON_RUN_AS_NODE).
 */
describe("the built mas-migrator on Electron's crypto", () => {
  it('config generate writes a config the MAS schema accepts, with four signing keys MAS can read', async () => {
    const output = join(await tempFolder('mas-built-cli-'), 'mas.yaml');
    const generate = ['config', 'generate', '--synapse-config', synapseFixture('oidc-jinja.yaml'), '--output', output];
    const run = spawnSync(process.execPath, [...narrowedNodeArgs, join(root, 'out/main/cli.js'), ...generate], { encoding: 'utf8' });
    expect(run.stderr).not.toContain('unexpected error');
    expect(run.status).toBe(0);
    const config = parse(await readFile(output, 'utf8'));
    const validate = await loadMasSchema(reference('mas-config.schema.json'));
    expect(validate(config)).toEqual([]);
    // MAS reads the keys with a crypto that has secp256k1: plain Node's OpenSSL stands in for it.
    const keys = (config.secrets.keys as { kid: string; key: string }[]).map(({ key }) => plainNodeCrypto().createPrivateKey(key));
    expect(keys.map((k) => [k.asymmetricKeyType, k.asymmetricKeyDetails?.modulusLength ?? k.asymmetricKeyDetails?.namedCurve])).toEqual([
      ['rsa', 2048],
      ['ec', 'prime256v1'],
      ['ec', 'secp384r1'],
      ['ec', 'secp256k1'],
    ]);
  });
});
