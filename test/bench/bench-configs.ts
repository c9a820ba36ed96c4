import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { BenchDirectory } from './bench-directory';
import type { BenchSource } from './child-protocol';

/**
 * The two config files an admin would give `syn2mas migrate`, for the
 * generated dataset: Synapse with the two OIDC providers the generator's
 * external IDs use (`oidc-google`, and `oidc` from the legacy oidc_config),
 * MAS with a provider taking over each; with `directory` (--ldap), the
 * LDAP module and the provider for Dex too. The caller removes `dir`.
 */
export async function writeBenchConfigs(
  serverName: string,
  synapseUrl: string,
  masUrl: string,
  directory?: Pick<BenchDirectory, 'synapseModule' | 'masProvider'>,
): Promise<{ source: BenchSource; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mas-migrator-bench-'));
  const synapse = new URL(synapseUrl);
  const synapseConfig = {
    server_name: serverName,
    public_baseurl: `https://matrix.${serverName}/`,
    database: {
      name: 'psycopg2',
      args: {
        host: synapse.hostname,
        port: Number(synapse.port),
        user: decodeURIComponent(synapse.username),
        password: decodeURIComponent(synapse.password),
        dbname: synapse.pathname.slice(1),
      },
    },
    oidc_config: { enabled: true, issuer: 'https://id.example.org/', client_id: 'mas', client_secret: 'oidc-secret', scopes: ['openid'] },
    oidc_providers: [
      {
        idp_id: 'google',
        idp_name: 'Google',
        issuer: 'https://accounts.google.com/',
        client_id: 'google-client',
        client_secret: 'google-secret',
        scopes: ['openid', 'email'],
      },
    ],
    ...(directory ? { modules: [directory.synapseModule] } : {}),
  };
  const masConfig = {
    http: { public_base: `https://auth.${serverName}/` },
    database: { uri: masUrl },
    matrix: { homeserver: serverName, endpoint: `https://matrix.${serverName}/`, secret: 'bench-matrix-secret' },
    secrets: { encryption: '0f'.repeat(32) },
    passwords: {
      enabled: true,
      schemes: [
        { version: 1, algorithm: 'bcrypt', unicode_normalization: true },
        { version: 2, algorithm: 'argon2id' },
      ],
    },
    upstream_oauth2: {
      providers: [
        {
          id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
          synapse_idp_id: 'oidc-google',
          issuer: 'https://accounts.google.com/',
          human_name: 'Google',
          client_id: 'google-client',
          client_secret: 'google-secret',
          token_endpoint_auth_method: 'client_secret_basic',
          scope: 'openid email',
        },
        {
          id: '01BX5ZZKBKACTAV9WEVGEMMVRZ',
          synapse_idp_id: 'oidc',
          issuer: 'https://id.example.org/',
          client_id: 'mas',
          client_secret: 'oidc-secret',
          token_endpoint_auth_method: 'client_secret_basic',
          scope: 'openid',
        },
        ...(directory ? [directory.masProvider] : []),
      ],
    },
  };
  const synapseFile = join(dir, 'homeserver.yaml');
  const masFile = join(dir, 'mas.yaml');
  await writeFile(synapseFile, stringify(synapseConfig));
  await writeFile(masFile, stringify(masConfig));
  return { source: { masConfig: [masFile], synapseConfig: [synapseFile], ignoreMissingAuthProviders: false }, dir };
}
