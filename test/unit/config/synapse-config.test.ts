import { describe, expect, it } from 'vitest';
import { checkConfigs } from '../../../src-main/engine/config/config-checks';
import { parse } from 'yaml';
import { synapseView } from '../../../src-main/engine/config/config-views';
import { loadSynapseConfig, synapseSource } from '../../../src-main/engine/config/synapse/synapse-config';
import { synapseDatabaseSettings } from '../../../src-main/engine/config/synapse/synapse-database';
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

  describe('the Debian and Ubuntu layout: homeserver.yaml plus the folder conf.d/', () => {
    const debian = (name: string) => synapseFixture(`debian/${name}`);
    const load = () => loadSynapseConfig([debian('homeserver.yaml'), debian('conf.d')]);

    it("reads conf.d's *.yaml files in sorted order after homeserver.yaml, taking server_name from there", async () => {
      const cfg = await load();
      expect(cfg.model.server_name).toBe('debian.example');
      expect(cfg.files).toEqual([
        debian('homeserver.yaml'),
        debian('conf.d/database.yaml'),
        debian('conf.d/report_stats.yaml'),
        debian('conf.d/server_name.yaml'),
      ]);
      expect(synapseSource(cfg, ['server_name'])).toBe(`${debian('conf.d/server_name.yaml')} line 9: server_name`);
      expect(synapseSource(cfg, ['enable_registration'])).toBe(`${debian('homeserver.yaml')} line 28: enable_registration`);
    });

    it("conf.d/database.yaml replaces homeserver.yaml's database section whole (shallow merge)", async () => {
      const cfg = await load();
      expect(cfg.yaml.value.database).toEqual({
        name: 'psycopg2',
        args: { user: 'synapse', password: 'conf-d-password', host: 'db.conf-d.example', port: 5433, database: 'synapse_live' },
      });
      // Only in homeserver.yaml's database.args: gone, as for Synapse.
      expect(cfg.model.database?.args).not.toHaveProperty('cp_min');
      expect(cfg.model.database?.args).not.toHaveProperty('dbname');
      expect(synapseDatabaseSettings(cfg)).toEqual({
        host: 'db.conf-d.example',
        port: '5433',
        user: 'synapse',
        password: 'conf-d-password',
        dbname: 'synapse_live',
      });
      expect(synapseSource(cfg, ['database', 'args', 'host'])).toBe(`${debian('conf.d/database.yaml')} line 8: database.args.host`);
      // The masked view is the merged config Synapse sees, secrets hidden.
      const view = synapseView(cfg);
      expect(view.files).toEqual(cfg.files);
      expect(parse(view.maskedYaml).database).toEqual({
        name: 'psycopg2',
        args: { user: 'synapse', password: '<redacted>', host: 'db.conf-d.example', port: 5433, database: 'synapse_live' },
      });
      expect(view.maskedYaml).not.toContain('main-file-password');
    });

    it('skips the subfolder and the .yml file, saying so (Synapse reads neither)', async () => {
      const cfg = await load();
      expect(cfg.model.enable_registration).toBe(true);
      expect(cfg.warnings.map((w) => [w.id, w.source])).toEqual([
        ['config-folder-entry-skipped', debian('conf.d/disabled')],
        ['config-folder-entry-skipped', debian('conf.d/registration.yml')],
      ]);
      expect(synapseView(cfg).warnings.map((w) => w.source)).toEqual(cfg.warnings.map((w) => w.source));
      const findings = checkConfigs(cfg).filter((f) => f.id === 'config-folder-entry-skipped');
      expect(findings).toEqual(
        cfg.warnings.map((w) => ({
          id: w.id,
          severity: 'warning',
          area: 'synapse-config',
          message: w.message,
          fix: w.fix,
          source: w.source,
        })),
      );
    });

    it('without conf.d there is no server_name, and the error says it is set in no file', async () => {
      const error = await loadError([debian('homeserver.yaml')]);
      expect(error.message).toContain(`server_name is required but set in none of ${debian('homeserver.yaml')}`);
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
      expect((await loadError(['/nonexistent/homeserver.yaml'])).code).toBe('file-missing');
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

describe("Synapse's YAML is YAML 1.1, as PyYAML reads it", () => {
  it('yes/no/on/off are booleans and << merges maps, so the checks see what Synapse sees', async () => {
    const [file] = await yamlFiles(
      'server_name: old.example\nenable_registration: yes\nallow_guest_access: on\ndefaults: &db\n  name: psycopg2\n  args: {user: s, dbname: s}\ndatabase:\n  <<: *db\n',
    );
    const cfg = await loadSynapseConfig([file!]);
    expect(cfg.model.enable_registration).toBe(true);
    expect(cfg.model.allow_guest_access).toBe(true);
    expect(cfg.model.database?.name).toBe('psycopg2');
    expect(checkConfigs(cfg).map((f) => f.id)).toEqual(expect.arrayContaining(['registration-enabled', 'guests-enabled']));
  });
});
