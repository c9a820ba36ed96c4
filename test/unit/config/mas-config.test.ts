import { describe, expect, it } from 'vitest';
import { loadMasConfig, masDatabaseSettings, masSource } from '../../../src-main/engine/config/mas/mas-config';
import { defaultMasConfigPaths } from '../../../src-main/engine/config/mas/mas-config-paths';
import { pairProviders } from '../../../src-main/engine/config/providers';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { AppError } from '../../../src-shared/errors';
import { masFixture, synapseFixture, yamlFiles } from './fixtures';

async function loadError(paths: string[]): Promise<AppError> {
  const error = await loadMasConfig(paths).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('MAS config loader (SPEC §1.3)', () => {
  it('reads the keys of §1.3 and keeps the rest', async () => {
    const cfg = await loadMasConfig([masFixture('matching-oidc-jinja.yaml')]);
    expect(cfg.model.matrix).toMatchObject({
      homeserver: 'example.com',
      endpoint: 'https://matrix.example.com/',
      secret: 'shared-matrix-secret',
    });
    expect(cfg.model.passwords?.schemes?.map((s) => [s.version, s.algorithm])).toEqual([
      [1, 'bcrypt'],
      [2, 'argon2id'],
    ]);
    expect(cfg.model.upstream_oauth2?.providers?.map((p) => p.synapse_idp_id)).toEqual(['oidc-keycloak', 'oidc-github']);
    expect(cfg.model.http).toMatchObject({ public_base: 'https://auth.example.com/' });
  });

  it('merges several files as mas-cli does: maps deeply, later scalars win', async () => {
    const files = await yamlFiles('matrix:\n  homeserver: a.example\n  secret: s\n', 'matrix:\n  homeserver: b.example\n');
    const cfg = await loadMasConfig(files);
    expect(cfg.model.matrix).toMatchObject({ homeserver: 'b.example', secret: 's' });
  });

  it('two files with one upstream provider each give two providers, each located in its own file', async () => {
    const provider = (id: string, idp: string) =>
      `upstream_oauth2:\n  providers:\n    - id: ${id}\n      synapse_idp_id: ${idp}\n      issuer: https://${idp}.example/\n      client_id: c\n`;
    const files = await yamlFiles(provider('01H00000000000000000000001', 'oidc-a'), provider('01H00000000000000000000002', 'oidc-b'));
    const syn = await loadSynapseConfig(
      await yamlFiles(
        'server_name: x\noidc_providers:\n  - {idp_id: a, issuer: https://oidc-a.example/, client_id: c}\n  - {idp_id: b, issuer: https://oidc-b.example/, client_id: c}\n',
      ),
    );
    const mas = await loadMasConfig(files);
    expect(mas.model.upstream_oauth2?.providers?.map((p) => p.synapse_idp_id)).toEqual(['oidc-a', 'oidc-b']);
    expect(pairProviders(syn, mas).map((p) => [p.status, p.mas?.source])).toEqual([
      ['paired', `${files[0]} line 3: upstream_oauth2.providers[0]`],
      ['paired', `${files[1]} line 3: upstream_oauth2.providers[1]`],
    ]);
    expect(masSource(mas, ['upstream_oauth2', 'providers', 1, 'issuer'])).toBe(`${files[1]} line 5: upstream_oauth2.providers[1].issuer`);
  });

  describe('the config paths without --config (SPEC §1.3)', () => {
    it("are MAS_CONFIG's colon-separated paths, taken from the working directory", () => {
      expect(defaultMasConfigPaths({ MAS_CONFIG: '/etc/mas/config.yaml:secrets.yaml' }, '/srv/mas')).toEqual([
        '/etc/mas/config.yaml',
        '/srv/mas/secrets.yaml',
      ]);
      expect(defaultMasConfigPaths({ MAS_CONFIG: ':a.yaml::' }, '/srv')).toEqual(['/srv/a.yaml']);
    });

    it('else config.yaml in the working directory', () => {
      expect(defaultMasConfigPaths({}, '/srv/mas')).toEqual(['/srv/mas/config.yaml']);
      expect(defaultMasConfigPaths({ MAS_CONFIG: '' }, '/srv/mas')).toEqual(['/srv/mas/config.yaml']);
    });
  });

  it('rejects an encryption key that is not 64 hex characters, naming file, line and key', async () => {
    const files = await yamlFiles('matrix:\n  homeserver: a\nsecrets:\n  encryption: abc\n');
    const error = await loadError(files);
    expect(error.message).toContain(`${files[0]} line 4: secrets.encryption: secrets.encryption must be 64 hex characters`);
  });

  it('rejects an unknown password algorithm and a Synapse config given as MAS config', async () => {
    const files = await yamlFiles('matrix: {homeserver: a}\npasswords:\n  schemes:\n    - version: 1\n      algorithm: md5\n');
    expect((await loadError(files)).message).toContain('line 5: passwords.schemes[0].algorithm');
    expect((await loadError([synapseFixture('postgres-minimal.yaml')])).code).toBe('config-not-mas');
  });

  describe('database section → libpq settings', () => {
    it('takes the separate fields', async () => {
      const cfg = await loadMasConfig([masFixture('matching-oidc-jinja.yaml')]);
      expect(masDatabaseSettings(cfg)).toEqual({
        host: 'db.example.com',
        port: '5432',
        user: 'mas',
        password: 'mas-db-password',
        dbname: 'mas',
        sslmode: 'require',
      });
    });

    it('takes the TLS files, inline PEM and connect_timeout', async () => {
      const cfg = await loadMasConfig(
        await yamlFiles(
          'matrix: {homeserver: a}\ndatabase:\n  host: db\n  ssl_mode: verify-full\n  ssl_ca: "-----BEGIN CERTIFICATE-----"\n  ssl_certificate_file: /etc/mas/c.pem\n  ssl_key_file: /etc/mas/k.pem\n  connect_timeout: 9\n',
        ),
      );
      expect(masDatabaseSettings(cfg)).toEqual({
        host: 'db',
        sslmode: 'verify-full',
        sslrootcertPem: '-----BEGIN CERTIFICATE-----',
        sslcert: '/etc/mas/c.pem',
        sslkey: '/etc/mas/k.pem',
        connect_timeout: '9',
      });
    });

    it('takes a URI, or a socket directory as host', async () => {
      const uri = await loadMasConfig(await yamlFiles('matrix: {homeserver: a}\ndatabase:\n  uri: postgresql://mas:pw@db/mas\n'));
      expect(masDatabaseSettings(uri)).toEqual({ user: 'mas', password: 'pw', host: 'db', dbname: 'mas' });
      const tls = await loadMasConfig(
        await yamlFiles('matrix: {homeserver: a}\ndatabase:\n  host: db\n  ssl_mode: verify-ca\n  ssl_ca_file: /etc/mas/ca.pem\n'),
      );
      expect(masDatabaseSettings(tls)).toEqual({ host: 'db', sslmode: 'verify-ca', sslrootcert: '/etc/mas/ca.pem' });
      const socket = await loadMasConfig(
        await yamlFiles('matrix: {homeserver: a}\ndatabase:\n  socket: /run/postgresql\n  database: mas\n'),
      );
      expect(masDatabaseSettings(socket)).toEqual({ host: '/run/postgresql', dbname: 'mas' });
    });

    it('refuses a URI combined with fields, a malformed URI naming the file and key, and a missing section', async () => {
      const malformed = await loadMasConfig(
        await yamlFiles('matrix: {homeserver: a}\ndatabase:\n  uri: postgresql://mas@db:notaport/mas\n'),
      );
      expect(() => masDatabaseSettings(malformed)).toThrow(
        expect.objectContaining({
          code: 'db-settings-invalid',
          message: expect.stringMatching(
            /file1\.yaml line 3: database\.uri is not a number|"notaport" of the database URI \S+file1\.yaml line 3: database\.uri/,
          ),
        }),
      );
      const both = await loadMasConfig(await yamlFiles('matrix: {homeserver: a}\ndatabase:\n  uri: postgresql://db/mas\n  host: other\n'));
      expect(() => masDatabaseSettings(both)).toThrow(
        expect.objectContaining({ code: 'mas-db-both', message: expect.stringContaining('line 3: database.uri') }),
      );
      const none = await loadMasConfig(await yamlFiles('matrix: {homeserver: a}\n'));
      expect(() => masDatabaseSettings(none)).toThrow(expect.objectContaining({ code: 'mas-db-missing' }));
    });

    it('reports a password_file it cannot read as on the server, and uses one it can', async () => {
      const remote = await loadMasConfig(
        await yamlFiles('matrix: {homeserver: a}\ndatabase:\n  host: db\n  password_file: /etc/mas/db-password\n'),
      );
      expect(masDatabaseSettings(remote)).toEqual({ host: 'db' });
      expect(remote.secretFiles).toEqual([{ key: 'database.password_file', file: '/etc/mas/db-password', status: 'on-server' }]);
      const [secret] = await yamlFiles('db-secret\n');
      const local = await loadMasConfig(await yamlFiles(`matrix: {homeserver: a}\ndatabase:\n  host: db\n  password_file: ${secret}\n`));
      expect(masDatabaseSettings(local)).toEqual({ host: 'db', password: 'db-secret' });
    });
  });
});
