import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { probeMasDatabase, probeSynapseDatabase } from '../../../src-main/connect/postgres/database-probe';
import { databaseWithSchema, withClient } from '../../helpers/databases';

const roles: { url: string; role: string }[] = [];

/** A login role with only what `grants` gives it, and its URI for `url`'s database. */
async function limitedRole(url: string, grants: string[]): Promise<string> {
  const role = `probe_${randomBytes(4).toString('hex')}`;
  await withClient(url, async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN PASSWORD 'probe-pw'`);
    for (const grant of grants) await c.query(grant.replaceAll('ROLE', role));
  });
  roles.push({ url, role });
  const u = new URL(url);
  u.username = role;
  u.password = 'probe-pw';
  return u.toString();
}

afterAll(async () => {
  for (const { url, role } of roles.splice(0)) {
    await withClient(url, async (c) => {
      await c.query(`DROP OWNED BY ${role}`);
      await c.query(`DROP ROLE ${role}`);
    });
  }
});

const byId = (checks: { id: string; ok: boolean }[]) => Object.fromEntries(checks.map((c) => [c.id, c.ok]));

describe('database probe (connection test)', () => {
  it('reports version, size and a Synapse owner that can read and lock everything', async () => {
    const url = await databaseWithSchema('synapse');
    const probe = await withClient(url, (c) => probeSynapseDatabase(c));
    expect(probe.serverVersion).toMatch(/^\d+/);
    expect(probe.databaseSize).toBeGreaterThan(1_000_000);
    expect(byId(probe.checks)).toEqual({ 'synapse-read': true, 'synapse-lock': true, 'synapse-mas-integration': true });
  });

  it('names the Synapse tables a limited user cannot read or lock, with the GRANT to run', async () => {
    const url = await databaseWithSchema('synapse');
    const limited = await limitedRole(url, ['GRANT SELECT ON users, devices TO ROLE', 'GRANT UPDATE ON users TO ROLE']);
    const probe = await withClient(limited, (c) => probeSynapseDatabase(c));
    const read = probe.checks.find((c) => c.id === 'synapse-read')!;
    expect(read).toMatchObject({
      ok: false,
      message: expect.stringContaining('user_threepids, user_external_ids, access_tokens, refresh_tokens'),
    });
    expect(read.message).not.toMatch(/\busers\b/);
    expect(read.fix).toContain('GRANT SELECT ON');
    expect(probe.checks.find((c) => c.id === 'synapse-lock')).toMatchObject({ ok: false, message: expect.stringContaining('devices') });
  });

  it('says when the MAS integration already looks enabled (oauth-delegated rows, config flag)', async () => {
    const url = await databaseWithSchema('synapse');
    await withClient(url, async (c) => {
      await c.query(`INSERT INTO users (name, creation_ts) VALUES ('@alice:example.org', 0)`);
      await c.query(
        `INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oauth-delegated', 'x', '@alice:example.org')`,
      );
    });
    const probe = await withClient(url, (c) => probeSynapseDatabase(c, { masEnabledInConfig: true }));
    const check = probe.checks.find((c) => c.id === 'synapse-mas-integration')!;
    expect(check.ok).toBe(false);
    expect(check.message).toContain('matrix_authentication_service.enabled');
    expect(check.message).toContain("1 row(s) with auth_provider 'oauth-delegated'");
    expect(check.fix).toContain("DELETE FROM user_external_ids WHERE auth_provider = 'oauth-delegated'");
  });

  it('checks that the MAS user can create tables and owns the tables it must re-index', async () => {
    const url = await databaseWithSchema('mas');
    expect(byId((await withClient(url, (c) => probeMasDatabase(c))).checks)).toEqual({ 'mas-create': true, 'mas-owner': true });
    const limited = await limitedRole(url, ['REVOKE CREATE ON SCHEMA public FROM PUBLIC']);
    const probe = await withClient(limited, (c) => probeMasDatabase(c));
    expect(byId(probe.checks)).toEqual({ 'mas-create': false, 'mas-owner': false });
    expect(probe.checks.find((c) => c.id === 'mas-owner')?.message).toContain('compat_refresh_tokens');
  });

  it('an older MAS without user_registration_tokens passes: the migration writes the other tables (SPEC §3)', async () => {
    const url = await databaseWithSchema('mas');
    await withClient(url, (c) => c.query('DROP TABLE user_registration_tokens CASCADE'));
    expect(byId((await withClient(url, (c) => probeMasDatabase(c))).checks)).toEqual({ 'mas-create': true, 'mas-owner': true });
  });

  it('tells a database without the MAS schema to run mas-cli database migrate', async () => {
    const url = await databaseWithSchema('synapse');
    const probe = await withClient(url, (c) => probeMasDatabase(c));
    expect(probe.checks[0]?.message).not.toContain('user_registration_tokens');
    expect(probe.checks[0]).toMatchObject({
      id: 'mas-tables-missing',
      ok: false,
      fix: expect.stringContaining('mas-cli database migrate'),
    });
  });
});
