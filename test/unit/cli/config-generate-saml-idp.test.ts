import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateBridges } from '../../../src-main/app/bridge-configs';
import { openFileSource } from '../../../src-main/app/sources/file-source';
import { usingSource } from '../../../src-main/app/sources/migration-source';
import { loadMasSchema } from '../../../src-main/engine/config/mas/mas-schema';
import { bindPassword, bridgeHomeserver, writeIdpMetadata } from '../../helpers/bridge-homeserver';
import { cli, runCliCaptured } from '../../helpers/cli';
import { narrowedNodeArgs } from '../../helpers/narrowed-node';
import { reference } from '../config/fixtures';
import { tempFolder } from '../../helpers/temp-folders';

// biome-ignore lint/suspicious/noExplicitAny: generated configs are inspected freely in tests
type Json = any;

const issuer = 'https://idp.example.org/realms/main';
const idpSecret = 'Idp-Client-Secret-9';

/** A homeserver.yaml with saml2_config only (its IdP metadata a local file). */
async function samlHomeserver() {
  const dir = await tempFolder('mas-saml-idp-');
  const homeserver = join(dir, 'homeserver.yaml');
  await writeFile(
    homeserver,
    `server_name: example.org\npublic_baseurl: https://matrix.example.org/\nsaml2_config:\n  enabled: true\n  sp_config:\n    metadata:\n      local: [${await writeIdpMetadata(dir)}]\n`,
  );
  return { dir, homeserver, mas: join(dir, 'mas.yaml'), dex: join(dir, 'dex.yaml') };
}

const routeA = ['--saml-issuer', issuer, '--saml-client-id', 'mas'];
const providersOf = async (path: string): Promise<Json[]> => parse(await readFile(path, 'utf8')).upstream_oauth2.providers;

describe('mas-migrator config generate --saml-issuer (SPEC §12 route a)', () => {
  it("adds the IdP's OIDC side for saml links, the client secret read from standard input and written to the MAS config only", async () => {
    const h = await samlHomeserver();
    const args = ['config', 'generate', '--synapse-config', h.homeserver, '--output', h.mas, ...routeA];
    const result = await runCliCaptured([...args, '--saml-client-secret-stdin', '--saml-uid-claim', 'uid'], { stdin: `${idpSecret}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(idpSecret);
    // Route (a) needs neither Dex nor its saml connector.
    expect(result.stderr).not.toContain('saml-dex-connector');
    expect(await readdir(h.dir)).not.toContain('dex.yaml');
    const masConfig = parse(await readFile(h.mas, 'utf8'));
    const [provider] = masConfig.upstream_oauth2.providers;
    // MAS reads client_secret as the plain secret (client_secret_basic): the Identity providers screen writes it the same way.
    expect(provider).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      synapse_idp_id: 'saml',
      issuer,
      human_name: 'SAML',
      client_id: 'mas',
      client_secret: idpSecret,
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email',
      claims_imports: { subject: { template: '{{ user.uid }}' } },
    });
    expect((await loadMasSchema(reference('mas-config.schema.json')))(masConfig)).toEqual([]);

    // The same inputs through the function behind config.generateBridges give the same provider (its fresh ULID aside).
    const fromApp = await usingSource(
      () => openFileSource({ synapseConfig: [h.homeserver], masConfig: [], cwd: h.dir, ignoreMissingAuthProviders: false, env: {} }),
      (source) => generateBridges(source, { saml: { route: 'idp', issuer, clientId: 'mas', clientSecret: idpSecret, uidClaim: 'uid' } }),
    );
    const [appProvider] = (fromApp.mas.document.toJS() as Json).upstream_oauth2.providers;
    expect({ ...provider, id: 'x' }).toEqual({ ...appProvider, id: 'x' });
  });

  it('reads the secret from a real pipe when run as a process', async () => {
    const h = await samlHomeserver();
    const cliPath = fileURLToPath(new URL('../../../src-main/hosts/cli/cli.ts', import.meta.url));
    const args = ['config', 'generate', '--synapse-config', h.homeserver, '--output', h.mas, ...routeA, '--saml-client-secret-stdin'];
    const run = spawnSync(process.execPath, [...narrowedNodeArgs, cliPath, ...args], { input: `${idpSecret}\n`, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(idpSecret);
    expect((await providersOf(h.mas))[0].client_secret).toBe(idpSecret);
  });

  it('without a secret MAS is a public client, and the uid claim defaults to preferred_username as on the SAML card', async () => {
    const h = await samlHomeserver();
    const result = await cli('config', 'generate', '--synapse-config', h.homeserver, ...routeA);
    expect(result.code, result.stderr).toBe(0);
    const [provider] = parse(result.stdout).upstream_oauth2.providers;
    expect(provider).toMatchObject({
      synapse_idp_id: 'saml',
      token_endpoint_auth_method: 'none',
      claims_imports: { subject: { template: '{{ user.preferred_username }}' } },
    });
    expect(provider.client_secret).toBeUndefined();
  });

  it("with --dex-output, route (a) wins for SAML: Dex's config carries the directory only, and the admin is told", async () => {
    const { dir, homeserver } = await bridgeHomeserver();
    const [mas, dex] = [join(dir, 'mas.yaml'), join(dir, 'dex.yaml')];
    const result = await runCliCaptured(
      [
        ...['config', 'generate', '--synapse-config', homeserver, '--output', mas, '--dex-output', dex],
        ...['--dex-issuer', 'https://dex.example.org/dex', ...routeA, '--saml-client-secret-stdin'],
      ],
      { stdin: idpSecret },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      "SAML goes through the identity provider's OpenID Connect side (--saml-issuer); Dex's config carries the directory only.",
    );
    expect(result.stderr).not.toContain('saml-dex-connector');
    expect(result.stdout + result.stderr).not.toContain(idpSecret);
    expect(result.stdout + result.stderr).not.toContain(bindPassword);
    const providers = await providersOf(mas);
    expect(providers.map((p) => [p.synapse_idp_id, p.issuer])).toEqual([
      ['ldap', 'https://dex.example.org/dex'],
      ['saml', issuer],
    ]);
    expect(providers[1].client_secret).toBe(idpSecret);
    const dexConfig = parse(await readFile(dex, 'utf8'));
    expect(dexConfig.connectors.map((c: Json) => c.type)).toEqual(['ldap']);
    // Only the directory's provider is Dex's client: the SAML one talks to the IdP directly.
    const publicBase = parse(await readFile(mas, 'utf8')).http.public_base;
    expect(dexConfig.staticClients[0].redirectURIs).toEqual([`${publicBase}upstream/callback/${providers[0].id}`]);
  });

  it('names the flag that is missing or wrong, and writes nothing', async () => {
    const h = await samlHomeserver();
    const generate = (...extra: string[]) => cli('config', 'generate', '--synapse-config', h.homeserver, '--output', h.mas, ...extra);
    const cases: [string[], string][] = [
      [['--saml-issuer', issuer], '--saml-client-id is missing.'],
      [['--saml-client-id', 'mas'], '--saml-issuer is missing.'],
      [['--saml-issuer', 'idp.example.org', '--saml-client-id', 'mas'], '--saml-issuer "idp.example.org" is not an http(s) URL.'],
      [
        [...routeA, '--saml-uid-claim', 'uid }}{{ x'],
        '--saml-uid-claim "uid }}{{ x" is not valid: give a claim name such as preferred_username.',
      ],
      [
        [...routeA, '--dex-output', h.dex, '--dex-issuer', 'https://dex.example.org/dex'],
        "its SAML login goes through the identity provider's OpenID Connect side (--saml-issuer), so Dex would carry nothing.",
      ],
    ];
    for (const [extra, message] of cases) {
      const result = await generate(...extra);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const noSecret = await runCliCaptured(
      ['config', 'generate', '--synapse-config', h.homeserver, '--output', h.mas, ...routeA, '--saml-client-secret-stdin'],
      { stdin: '' },
    );
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('No client secret was given on standard input.');
    // A wrong flag or file is named before the secret is asked for (the empty input is never reached).
    const early = (args: string[]) => runCliCaptured(['config', 'generate', ...args, '--saml-client-secret-stdin'], { stdin: '' });
    expect((await early(['--synapse-config', h.homeserver, '--saml-issuer', issuer])).stderr).toContain('--saml-client-id is missing.');
    expect((await early(['--synapse-config', join(h.dir, 'nope.yaml'), ...routeA])).stderr).toContain(
      `${join(h.dir, 'nope.yaml')} does not exist`,
    );
    expect((await readdir(h.dir)).sort()).toEqual(['homeserver.yaml', 'idp-metadata.xml', 'idp.crt', 'idp.key']);
  });

  it('documents route (a) in its help', async () => {
    const result = await cli('config', 'generate', '--help');
    expect(result.code).toBe(0);
    for (const flag of ['--saml-issuer URL', '--saml-client-id ID', '--saml-client-secret-stdin', '--saml-uid-claim CLAIM'])
      expect(result.stdout).toContain(flag);
  });
});
