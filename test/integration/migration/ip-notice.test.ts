import { describe, expect, it } from 'vitest';
import { checkDatabases } from '../../../src-main/engine/run/database-checks';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import type { Finding } from '../../../src-shared/domain/finding';
import { withClient } from '../../helpers/databases';
import { synapseAndMas } from './database-pair';
import { insertRuleRows, ruleSettings } from './rules-fixture';

const ipNoticeOf = (findings: Finding[]) => findings.filter((f) => f.id === 'data-notices' && f.source === 'devices.ip');

/**
 * SPEC §2's notice of invalid device IPs counts the sessions that lose their
 * IP: `check` finds them by a scan, a run by its writer as it drops them.
 * Both give the same notice on the same data.
 */
describe('the notice of invalid device IPs', () => {
  it('counts only devices that get a session, the same in check, a dry run and a real run', async () => {
    const { synapse, mas } = await synapseAndMas(async (c) => {
      await insertRuleRows(c); // DEV_A3's IP is 'garbage'
      // Garbage on devices that get no session: hidden, a deactivated user's, a guest's, an application service user's.
      await c.query(
        `UPDATE devices SET ip = 'fe80::1%eth0' WHERE device_id IN ('DEV_A2', 'DEV_B1', 'guest_device', 'DEV_X');
         INSERT INTO devices (user_id, device_id, ip, hidden) VALUES ('@carol:example.org', 'DEV_C2', '10.0.0.0/8', false);`,
      );
    });
    const settings = ruleSettings(synapse, mas);

    const checked = ipNoticeOf((await checkDatabases(settings)).findings);
    expect(checked).toMatchObject([{ severity: 'warning', count: 2 }]);
    expect(checked[0]!.examples).toEqual(['@alice:example.org DEV_A3: garbage', '@carol:example.org DEV_C2: 10.0.0.0/8']);

    const dryRun = await runMigration({ ...settings, dryRun: true });
    expect(ipNoticeOf(dryRun.findings)).toEqual(checked);
    expect(dryRun.invalidIps).toBe(2);

    const real = await runMigration(settings);
    expect(ipNoticeOf(real.findings)).toEqual(checked);
    expect(real.invalidIps).toBe(2);
    const dropped = await withClient(
      mas,
      async (c) =>
        (await c.query('SELECT device_id FROM compat_sessions WHERE last_active_ip IS NULL AND device_id IS NOT NULL ORDER BY 1')).rows,
    );
    // DEV_A4's '-' is no address at all, not an invalid one: no notice.
    expect(dropped.map((r) => r.device_id)).toEqual(['DEV_A3', 'DEV_A4', 'DEV_C2']);
  });
});
