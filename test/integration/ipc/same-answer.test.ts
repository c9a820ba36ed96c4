import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPostgres } from '../../../src-main/connect/embedded-postgres';
import type { Finding } from '../../../src-shared/domain/finding';
import { runCliCaptured } from '../../helpers/cli';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { connectorFor, sameServerDatabase, schemaSqlFor } from '../../helpers/pg-clients';
import { localProfileSettings, tempDataDir } from '../../helpers/profiles';
import { makeTestCertificates, opensslPath, startTlsPostgres, type TestCertificates } from '../../helpers/tls-certs';
import { hasTool } from '../../helpers/tools';
import { writeConfigFiles } from '../migration/config-files';
import { insertRuleRows } from '../migration/rules-fixture';

/**
 * DESIGN "one use case, every host": the same configs give the same
 * findings, error codes and connection behaviour through the command line
 * and through a profile's channels (the app's path).
 */
let certs: TestCertificates;
/** Accepts only TLS over TCP (pg_hba.conf `hostssl`), with passwords. */
let server: LocalPostgres;
const password = `Pw-${randomBytes(6).toString('hex')}`;
const role = `same_${randomBytes(3).toString('hex')}`;
let configs: { synapseConfig: string; masConfig: string; dir: string };

/** The server's URI for a database, as the role, with no sslmode: libpq's default (prefer) must find TLS by itself. */
const urlOf = (database: string) => sameServerDatabase(server.url, database).replace('postgres:postgres@', `${role}:${password}@`);

/** Runs SQL on the TLS-only server, through the app's own connect layer (plain node-postgres would not use TLS). */
async function run(url: string, sql: string | ((client: pg.Client) => Promise<unknown>)): Promise<void> {
  const client = await connectorFor(url).connect('test-setup');
  try {
    await (typeof sql === 'string' ? client.query(sql) : sql(client));
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string, schema: 'synapse' | 'mas'): Promise<string> {
  await run(server.url, `CREATE DATABASE ${name} OWNER ${role}`);
  await run(urlOf(name), schemaSqlFor(schema));
  return urlOf(name);
}

const withOpenssl = hasTool(opensslPath, 'openssl');

beforeAll(async () => {
  if (!withOpenssl) return;
  certs = await makeTestCertificates();
  server = await startTlsPostgres(certs, 'hostssl all all 127.0.0.1/32 scram-sha-256');
  await run(server.url, `CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${password}'`);
  const synapse = await createDatabase('synapse_same', 'synapse');
  const mas = await createDatabase('mas_same', 'mas');
  await run(synapse, insertRuleRows);
  configs = await writeConfigFiles(synapse, mas);
});

afterAll(async () => {
  await server?.stop();
  if (certs) await rm(certs.dir, { recursive: true, force: true });
});

const shape = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.id}${f.code ? ` (${f.code})` : ''}`).sort();

/** `syn2mas check --json` and the Checks screen's channel on the same files, with nothing from the environment. */
async function bothWays(synapseConfig: string, masConfig: string) {
  const env = { HOME: '/nonexistent' };
  const cli = await runCliCaptured(['syn2mas', 'check', '--json', '--config', masConfig, '--synapse-config', synapseConfig], { env });
  const rec = recordingRouter(await tempDataDir(), { env });
  const profileId = (await rec.ok('profiles.create', { settings: localProfileSettings('Same', [synapseConfig], [masConfig]) })).id;
  const app = await rec.ok('checks.run', { profileId });
  const test = await rec.ok('connections.test', { profileId, side: 'synapse' });
  return { cli: JSON.parse(cli.stdout) as { exitCode: number; findings: Finding[] }, app, test, seen: rec.seen };
}

describe.runIf(withOpenssl)('the same answer through the command line and through a profile', () => {
  it('a database that accepts only TLS, with no sslmode in the configs: both connect (with TLS) and give the same findings', async () => {
    const { cli, app, test } = await bothWays(configs.synapseConfig, configs.masConfig);
    expect(shape(cli.findings)).toEqual(shape(app.findings));
    expect(app.databasesChecked).toBe(true);
    expect(cli.findings.map((f) => f.id)).not.toContain('database-unreachable');
    expect(cli.findings.map((f) => f.id)).toContain('provider-unknown-to-synapse'); // the data was read
    expect(test.steps.find((s) => s.step === 'database')).toMatchObject({ status: 'ok', message: expect.stringContaining('(TLS)') });
    expect(test.database?.tls).toBe(true);
  });

  it('a wrong password: the same error code both ways, and in the connection test; the password appears nowhere', async () => {
    const wrong = `${configs.dir}/homeserver-wrong.yaml`;
    await writeFile(
      wrong,
      (await readFile(configs.synapseConfig, 'utf8')).replace(`password: ${password}`, 'password: not-the-password-42'),
    );
    const { cli, app, test, seen } = await bothWays(wrong, configs.masConfig);
    expect(cli.exitCode).toBe(10);
    expect(shape(cli.findings)).toEqual(shape(app.findings));
    const unreachable = (findings: readonly Finding[]) => findings.find((f) => f.id === 'database-unreachable');
    expect(unreachable(cli.findings)).toMatchObject({ severity: 'error', code: 'db-auth-failed' });
    expect(unreachable(app.findings)).toMatchObject({ severity: 'error', code: 'db-auth-failed' });
    expect(test.steps.find((s) => s.step === 'database')).toMatchObject({ status: 'failed', code: 'db-auth-failed' });
    expect(JSON.stringify([cli, seen])).not.toContain('not-the-password-42');
  });
});
