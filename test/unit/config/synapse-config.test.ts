import { describe, expect, it } from 'vitest';
import { checkConfigs } from '../../../src-main/engine/config/config-checks';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse-config';
import { synapseDatabaseSettings } from '../../../src-main/engine/config/synapse-database';
import { AppError } from '../../../src-shared/errors';
import { reference, synapseFixture, yamlFiles } from './fixtures';

async function loadError(paths: string[]): Promise<AppError> {
  const error = await loadSynapseConfig(paths).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('Synapse config loader (SPEC §1.1)', () => {
  it('reads the keys the migration uses and keeps every other key', async () => {
    const cfg = await loadSynapseConfig([synapseFixture('postgres-minimal.yaml')]);
    expect(cfg.model.server_name).toBe('example.org');
    expect(cfg.model.public_baseurl).toBe('https://matrix.example.org/');
    expect(cfg.model.listeners).toHaveLength(1);
    expect(cfg.model.database?.txn_limit).toBe(10000);
    expect(cfg.files).toEqual([synapseFixture('postgres-minimal.yaml')]);
  });

  it('merges several files in order (later scalars and lists win, maps merge)', async () => {
    const cfg = await loadSynapseConfig([synapseFixture('split/homeserver.yaml'), synapseFixture('split/conf.d-override.yaml')]);
    expect(cfg.model.enable_registration).toBe(false);
    expect(cfg.model.oidc_providers?.map((p) => p.idp_id)).toEqual(['second']);
    expect(synapseDatabaseSettings(cfg)).toEqual({
      host: 'db.split.example',
      port: '6432',
      user: 'synapse',
      password: 'from-second-file',
      dbname: 'synapse',
    });
  });

  it("yields the SQLite error for Synapse's sample homeserver.yaml", async () => {
    const cfg = await loadSynapseConfig([reference('synapse-sample-homeserver.yaml')]);
    expect(cfg.model.server_name).toBe('SERVERNAME');
    const sqlite = checkConfigs(cfg).find((f) => f.id === 'synapse-db-sqlite');
    expect(sqlite).toMatchObject({ severity: 'error', source: `${reference('synapse-sample-homeserver.yaml')} line 40: database.name` });
    expect(sqlite?.fix).toContain('synapse_port_db');
    expect(() => synapseDatabaseSettings(cfg)).toThrow(/SQLite/);
  });

  describe('database section → libpq settings', () => {
    it('takes psycopg2 args, a Unix-socket host and `database` as a synonym of `dbname`', async () => {
      const cfg = await loadSynapseConfig([synapseFixture('oidc-jinja.yaml')]);
      expect(synapseDatabaseSettings(cfg)).toEqual({ host: '/var/run/postgresql', user: 'synapse', dbname: 'synapse' });
      const tcp = await loadSynapseConfig([synapseFixture('postgres-minimal.yaml')]);
      expect(synapseDatabaseSettings(tcp)).toEqual({
        host: 'db.example.org',
        port: '5432',
        user: 'synapse_user',
        password: 'db-password-1',
        dbname: 'synapse',
      });
      const tls = await loadSynapseConfig(
        await yamlFiles(
          'server_name: a\ndatabase:\n  name: psycopg2\n  args: {user: s, dbname: s, sslmode: verify-full, sslrootcert: /etc/ssl/db-ca.pem}\n',
        ),
      );
      expect(synapseDatabaseSettings(tls)).toEqual({ user: 's', dbname: 's', sslmode: 'verify-full', sslrootcert: '/etc/ssl/db-ca.pem' });
    });

    it('refuses SQLite (also when database is absent), unknown drivers and both dbname and database', async () => {
      const absent = await loadSynapseConfig([synapseFixture('db-absent.yaml')]);
      expect(() => synapseDatabaseSettings(absent)).toThrow(expect.objectContaining({ code: 'synapse-db-sqlite' }));
      const driver = await loadSynapseConfig([synapseFixture('db-unknown-driver.yaml')]);
      expect(() => synapseDatabaseSettings(driver)).toThrow(
        expect.objectContaining({ code: 'synapse-db-driver', message: expect.stringContaining('"mysqldb"') }),
      );
      const both = await loadSynapseConfig([synapseFixture('db-both-names.yaml')]);
      expect(() => synapseDatabaseSettings(both)).toThrow(
        expect.objectContaining({ code: 'synapse-db-args', message: expect.stringContaining('line 7: database.args.database') }),
      );
    });
  });

  describe('secrets given by path', () => {
    it('notes them as "on the server" when the file is not reachable', async () => {
      const cfg = await loadSynapseConfig([synapseFixture('legacy-oidc.yaml')]);
      expect(cfg.secretFiles).toEqual([
        { key: 'oidc_config.client_secret_path', file: '/etc/synapse/oidc-client-secret', status: 'on-server' },
      ]);
    });

    it('reads them through the given reader when it reaches them', async () => {
      const cfg = await loadSynapseConfig([synapseFixture('legacy-oidc.yaml')], {
        readSecretFile: async (path) => (path === '/etc/synapse/oidc-client-secret' ? 'from-the-server' : undefined),
      });
      expect(cfg.secretFiles).toEqual([
        { key: 'oidc_config.client_secret_path', file: '/etc/synapse/oidc-client-secret', status: 'read', value: 'from-the-server' },
      ]);
    });

    it('reads local files that exist, without the trailing newline', async () => {
      const [secret] = await yamlFiles('local-secret\n');
      const [config] = await yamlFiles(`server_name: a\nregistration_shared_secret_path: ${secret}\nmedia_store_path: /media\n`);
      const cfg = await loadSynapseConfig([config!]);
      expect(cfg.secretFiles).toEqual([{ key: 'registration_shared_secret_path', file: secret, status: 'read', value: 'local-secret' }]);
    });
  });

  describe('bad input: an AppError naming the file, the key and the line', () => {
    it('malformed YAML', async () => {
      const error = await loadError([synapseFixture('bad/malformed.yaml.txt')]);
      expect(error.code).toBe('config-yaml');
      expect(error.message).toMatch(/bad\/malformed\.yaml\.txt line \d+: not valid YAML/);
    });

    it('wrong types', async () => {
      const error = await loadError([synapseFixture('bad/wrong-types.yaml')]);
      expect(error.code).toBe('config-invalid');
      expect(error.message).toContain('bad/wrong-types.yaml line 6: database.args.port');
      expect(error.message).toContain('bad/wrong-types.yaml line 7: enable_registration');
    });

    it('missing server_name', async () => {
      const error = await loadError([synapseFixture('bad/missing-server-name.yaml')]);
      expect(error.message).toContain('server_name is required but set in none of');
      expect(error.message).toContain('missing-server-name.yaml');
    });

    it('an unreadable file', async () => {
      expect((await loadError(['/nonexistent/homeserver.yaml'])).code).toBe('config-unreadable');
    });

    it('a file that is not a Synapse config', async () => {
      expect((await loadError([synapseFixture('bad/list-root.yaml')])).message).toContain(
        'is not a Synapse config: its top level is a list',
      );
      const mas = await loadError([synapseFixture('bad/mas-instead.yaml')]);
      expect(mas.code).toBe('config-not-synapse');
      expect(mas.message).toContain('looks like a MAS config');
    });

    it('a duplicate key', async () => {
      expect((await loadError([synapseFixture('bad/duplicate-key.yaml')])).message).toContain('duplicate-key.yaml line 2');
    });
  });
});
