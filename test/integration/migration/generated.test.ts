import { describe, expect, it } from 'vitest';
import { checkDatabases } from '../../../src-main/engine/run/database-checks';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { withClient } from '../../helpers/databases';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { catalogSnapshot } from './catalog';
import { synapseAndMas } from './database-pair';
import { ruleSettings, serverName } from './rules-fixture';

const eligible = 'u.appservice_id IS NULL AND u.deactivated = 0 AND u.is_guest = 0';

/** The generator's dataset end to end: counts in MAS against independent counts on the Synapse side. */
describe('a generated Synapse dataset', () => {
  it('passes the integrity scan, shows every notice, and migrates with the expected counts', async () => {
    const { synapse, mas } = await synapseAndMas((c) => generateSynapseData(c, { serverName, users: 600 }));
    const catalog = await withClient(mas, catalogSnapshot);
    const settings = ruleSettings(synapse, mas, { writers: 2 });

    const { findings } = await checkDatabases(settings);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.id === 'data-notices').map((f) => f.source)).toEqual([
      'devices.ip',
      'users.creation_ts',
      'users.password_hash',
      'users.appservice_id',
      'users.suspended/shadow_banned',
    ]);
    expect(findings.map((f) => f.id)).toEqual(expect.arrayContaining(['guests-in-db', 'non-email-threepids', 'mas-schema-version']));

    const expected = await withClient(synapse, async (c) => {
      const one = async (sql: string) => Number((await c.query(sql)).rows[0].n);
      return {
        users: await one('SELECT count(*) AS n FROM users u WHERE u.appservice_id IS NULL'),
        passwords: await one('SELECT count(*) AS n FROM users u WHERE u.appservice_id IS NULL AND password_hash IS NOT NULL'),
        emails: await one(
          "SELECT count(*) AS n FROM user_threepids t JOIN users u ON u.name = t.user_id WHERE u.appservice_id IS NULL AND medium = 'email'",
        ),
        links: await one('SELECT count(*) AS n FROM user_external_ids e JOIN users u ON u.name = e.user_id WHERE u.appservice_id IS NULL'),
        deviceSessions: await one(
          `SELECT count(*) AS n FROM devices d JOIN users u ON u.name = d.user_id WHERE ${eligible} AND NOT d.hidden AND d.device_id <> 'guest_device'`,
        ),
        devicelessTokens: await one(
          `SELECT count(*) AS n FROM access_tokens a JOIN users u ON u.name = a.user_id WHERE ${eligible} AND a.device_id IS NULL AND a.puppets_user_id IS NULL`,
        ),
        // Per eligible user: the chain's second pair, and the first one unless the second's access token was used (even users).
        refreshPairs: await one(
          `SELECT sum(CASE WHEN substring(u.name from '[0-9]+')::int % 2 = 0 THEN 1 ELSE 2 END) AS n FROM users u WHERE ${eligible} AND u.name LIKE '@user%'`,
        ),
        plainDeviceTokens: await one(
          `SELECT count(*) AS n FROM access_tokens a JOIN users u ON u.name = a.user_id JOIN devices d ON d.user_id = a.user_id AND d.device_id = a.device_id
           WHERE ${eligible} AND a.refresh_token_id IS NULL AND a.puppets_user_id IS NULL AND NOT d.hidden`,
        ),
      };
    });

    const report = await runMigration(settings);
    expect(report.rowsWritten).toEqual({
      users: expected.users,
      user_passwords: expected.passwords,
      user_emails: expected.emails,
      user_unsupported_third_party_ids: 60,
      upstream_oauth_links: expected.links,
      compat_sessions: expected.deviceSessions + expected.devicelessTokens,
      compat_access_tokens: expected.plainDeviceTokens + expected.devicelessTokens + expected.refreshPairs,
      compat_refresh_tokens: expected.refreshPairs,
      user_registration_tokens: 4,
    });
    const skipped = Object.fromEntries(report.entities.map((e) => [e.stage, Object.keys(e.skipped).sort()]));
    expect(skipped['refresh-pairs']).toEqual(['appservice-user', 'guest-user', 'successor-used', 'user-deactivated']);
    expect(skipped['access-tokens']).toEqual(expect.arrayContaining(['puppet-token', 'device-hidden']));
    expect(report.invalidIps).toBeGreaterThan(0);
    // The run's writer notices the IPs it drops as the check's scan did.
    const ipNotice = (list: typeof findings) => list.find((f) => f.id === 'data-notices' && f.source === 'devices.ip');
    expect(ipNotice(report.findings)).toEqual(ipNotice(findings));
    expect(ipNotice(report.findings)?.count).toBe(report.invalidIps);
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    const active = await withClient(
      mas,
      async (c) =>
        (await c.query('SELECT count(*)::int AS n FROM compat_sessions WHERE user_agent LIKE $1', ['Mozilla/5.0 (X11%'])).rows[0].n,
    );
    expect(active).toBeGreaterThan(0);
  });
});
