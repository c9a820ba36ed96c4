import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { checkDatabases } from '../../../src-main/engine/run/database-checks';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { verifyMigration } from '../../../src-main/engine/verify/verify-migration';
import { databaseWithSchema, freshDatabase, withClient } from '../../helpers/databases';
import { loadFixtureSchema } from '../../helpers/pg-clients';
import { ruleSettings, serverName } from './rules-fixture';
import { type SeededRandom as Random, seededRandom } from '../../helpers/seeded-random';

/** Pieces of text a Synapse column can hold that break naive COPY, SQL or IP handling (PostgreSQL text holds no NUL). */
const hostilePieces = [
  '\\',
  '\\N',
  '\\.',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\b\f\v',
  "'",
  '"',
  '%',
  '_',
  ':',
  '@',
  ' ',
  '-',
  'é',
  'ünï€',
  '😀',
  '\u0301',
  '\u202e',
  '\ufeff',
  '\uffff',
  '𝔘',
  'Ⱥ',
  'x',
  '0',
];

function hostileText(r: Random, maxPieces: number): string {
  return Array.from({ length: r.int(maxPieces + 1) }, () => r.pick(hostilePieces)).join('');
}

/** Millisecond (or, for creation_ts, second) values: absent, negative, the bigint extremes, the edges of year 9999, ordinary. */
function hostileTimestamp(r: Random, ordinary: number): string | null {
  return r.pick([
    null,
    '0',
    '-1',
    '-9223372036854775808',
    '9223372036854775807',
    '253402300799999',
    '253402300800000',
    '253402300799',
    '946684799999',
    String(ordinary),
    String(ordinary + r.int(1e9)),
    String(r.int(2 ** 52)),
  ]);
}

/** Device IPs as clients send them (X-Forwarded-For): plain, zone ids, prefix lengths, leading zeros, mapped, spaces, garbage. */
function hostileIp(r: Random): string | null {
  const octet = () => String(r.pick([0, 1, 9, 10, 99, 100, 199, 200, 249, 250, 255, 256, 999, r.int(256)]));
  const v4 = () => Array.from({ length: 4 }, octet).join('.');
  const group = () => r.pick(['0', '1', 'ffff', 'FFFF', 'db8', '2001', '0db8', '00000', 'g', r.int(65536).toString(16)]);
  const v6 = () => {
    const groups = Array.from({ length: r.pick([1, 2, 3, 6, 7, 8, 9]) }, group);
    const gap = r.int(groups.length + 1);
    return r.next() < 0.5 ? [...groups.slice(0, gap), '', ...groups.slice(gap)].join(':') : groups.join(':');
  };
  return r.pick([
    null,
    '',
    '-',
    v4(),
    v4(),
    v6(),
    v6(),
    `::ffff:${v4()}`,
    `${v6()}%eth0`,
    `fe80::1%${r.int(9)}`,
    `${v4()}/24`,
    `${v6()}/64`,
    ` ${v4()}`,
    `${v4()} `,
    `0${v4()}`,
    `${v4()}, ${v4()}`,
    hostileText(r, 4),
    '::',
    '::1',
  ]);
}

interface Generated {
  /** Devices that migrate (their user is active, they are visible), by device ID, with their IP text. */
  migratedDeviceIps: Map<string, string | null>;
}

/** Fills Synapse with hostile values in every column the writer sends on; every row stays placeable (the scan may pass). */
async function insertHostileRows(c: pg.Client, seed: number): Promise<Generated> {
  const r = seededRandom(seed);
  const migratedDeviceIps = new Map<string, string | null>();
  let serial = 0;
  const unique = (text: string) => `${text}#${++serial}`;
  const insert = (table: string, row: Record<string, unknown>) =>
    c.query(
      `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
        .map((_, i) => `$${i + 1}`)
        .join(', ')})`,
      Object.values(row),
    );
  for (let u = 0; u < 24; u++) {
    const name = `@${unique(hostileText(r, 6))}:${serverName}`;
    // The first users are active and own the devices, so every device migrates and every IP reaches the writer.
    const active = u < 12;
    await insert('users', {
      name,
      password_hash: r.next() < 0.3 ? null : hostileText(r, 30),
      creation_ts: hostileTimestamp(r, 1_600_000_000),
      admin: r.pick([0, 1, -1, 32767]),
      is_guest: active ? 0 : r.pick([0, 1, 2]),
      deactivated: active ? 0 : r.pick([0, 1, -5]),
      locked: r.next() < 0.3,
    });
    for (let t = r.int(3); t > 0; t--) {
      await insert('user_threepids', {
        user_id: name,
        medium: r.pick(['email', 'email', 'msisdn', hostileText(r, 3)]),
        address: unique(hostileText(r, 12)),
        validated_at: 0,
        added_at: hostileTimestamp(r, 1_600_000_000_000) ?? '0',
      });
    }
    if (r.next() < 0.5) {
      await insert('user_external_ids', {
        auth_provider: r.pick(['oidc', 'oidc-google']),
        external_id: unique(hostileText(r, 10)),
        user_id: name,
      });
    }
    if (!active) continue;
    for (let d = 1 + r.int(3); d > 0; d--) {
      const deviceId = unique(hostileText(r, 5));
      const ip = hostileIp(r);
      migratedDeviceIps.set(deviceId, ip);
      await insert('devices', {
        user_id: name,
        device_id: deviceId,
        display_name: r.next() < 0.2 ? null : hostileText(r, 20),
        last_seen: hostileTimestamp(r, 1_600_000_000_000),
        ip,
        user_agent: r.next() < 0.1 ? hostileText(r, 3000) : hostileText(r, 20),
        hidden: false,
      });
      for (let t = r.int(3); t > 0; t--) {
        const tokenId = ++serial;
        const refresh = r.next() < 0.4;
        if (refresh) await insert('refresh_tokens', { id: tokenId, user_id: name, device_id: deviceId, token: unique(hostileText(r, 8)) });
        await insert('access_tokens', {
          id: tokenId,
          user_id: name,
          device_id: r.next() < 0.15 ? null : deviceId,
          token: unique(hostileText(r, 8)),
          valid_until_ms: hostileTimestamp(r, 1_900_000_000_000),
          last_validated: hostileTimestamp(r, 1_600_000_000_000),
          refresh_token_id: refresh ? tokenId : null,
          used: refresh ? r.next() < 0.5 : null,
        });
      }
    }
  }
  await c.query('ANALYZE');
  return { migratedDeviceIps };
}

const seeds = [1, 2, 3, 4];

/**
 * SPEC §5 and §2: whatever the values, the writer never fails where the
 * checks passed, what the data notices call an invalid IP is left empty in
 * MAS (and is exactly what the writer counted), and what reaches MAS is what
 * Synapse held: text byte for byte, timestamps when 1970–9999, IPs as
 * PostgreSQL's inet reads them.
 */
describe('hostile values through the checks and a real migration', () => {
  for (const seed of seeds) {
    // Odd seeds on a database created as Synapse asks (C collation), even ones on the server's default.
    it(`seed ${seed}`, async () => {
      const synapse = await databaseWithSchema('synapse', seed % 2 === 1 ? { locale: 'C' } : {});
      const { migratedDeviceIps } = await withClient(synapse, (c) => insertHostileRows(c, seed));
      const mas = await freshDatabase('mas');
      await loadFixtureSchema(mas, 'mas');
      const settings = ruleSettings(synapse, mas);

      const { findings } = await checkDatabases(settings);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      const ipNotice = findings.find((f) => f.id === 'data-notices' && f.source === 'devices.ip');

      const report = await runMigration(settings);
      // Every device migrates, so the check's scan and the writer see the same IPs: the same notice.
      expect(report.invalidIps).toBe(ipNotice?.count ?? 0);
      expect(report.findings.find((f) => f.id === 'data-notices' && f.source === 'devices.ip')).toEqual(ipNotice);
      // verify, written apart from the writer, reads every hostile time and IP the same way.
      const verification = await verifyMigration(settings);
      expect(verification.outcome, JSON.stringify(verification.tables.flatMap((t) => t.differences))).toBe('match');

      const sessions = await withClient(
        mas,
        async (c) =>
          (
            await c.query<{ device_id: string; ip: string | null; last_active: string | null }>(
              `SELECT device_id, host(last_active_ip) AS ip, (extract(epoch from last_active_at) * 1000)::bigint::text AS last_active
               FROM compat_sessions WHERE device_id IS NOT NULL`,
            )
          ).rows,
      );
      expect(new Set(sessions.map((s) => s.device_id))).toEqual(new Set(migratedDeviceIps.keys()));
      const byDevice = new Map(sessions.map((s) => [s.device_id, s]));
      // The notice's examples ("user device: ip") are left empty.
      for (const example of ipNotice?.examples ?? []) {
        const device = [...migratedDeviceIps.keys()].find((d) => example.includes(` ${d}: `));
        expect(device, example).toBeDefined();
        expect(byDevice.get(device!)!.ip, example).toBeNull();
      }
      // A kept IP is the address PostgreSQL's inet reads from the Synapse text, as a host; dropped ones are counted.
      const kept = [...migratedDeviceIps].filter(([d]) => byDevice.get(d)!.ip !== null);
      const inetReads = await withClient(
        mas,
        async (c) =>
          (
            await c.query<{ host: string; masklen: number; family: number }>(
              'SELECT host(ip::inet) AS host, masklen(ip::inet), family(ip::inet) FROM unnest($1::text[]) AS t(ip)',
              [kept.map(([, ip]) => ip)],
            )
          ).rows,
      );
      kept.forEach(([device], i) => {
        const read = inetReads[i]!;
        expect(read.masklen, device).toBe(read.family === 4 ? 32 : 128);
        expect(byDevice.get(device)!.ip, device).toBe(read.host);
      });
      const dropped = [...migratedDeviceIps].filter(([d, ip]) => byDevice.get(d)!.ip === null && ip !== null && ip !== '' && ip !== '-');
      expect(dropped.length).toBe(report.invalidIps);

      // Text and timestamps, compared with Synapse row by row.
      const synapseDevices = await withClient(
        synapse,
        async (c) =>
          (
            await c.query<{ device_id: string; display_name: string | null; user_agent: string | null; last_seen: string | null }>(
              'SELECT device_id, display_name, user_agent, last_seen::text FROM devices',
            )
          ).rows,
      );
      const masDevices = await withClient(
        mas,
        async (c) =>
          (
            await c.query<{ device_id: string; human_name: string | null; user_agent: string | null }>(
              'SELECT device_id, human_name, user_agent FROM compat_sessions WHERE device_id IS NOT NULL',
            )
          ).rows,
      );
      const masByDevice = new Map(masDevices.map((d) => [d.device_id, d]));
      for (const d of synapseDevices) {
        expect(masByDevice.get(d.device_id), d.device_id).toEqual({
          device_id: d.device_id,
          human_name: d.display_name,
          user_agent: d.user_agent,
        });
        const ms = d.last_seen === null ? null : Number(d.last_seen);
        const inRange = ms !== null && ms >= 0 && ms <= 253402300799999;
        expect(byDevice.get(d.device_id)!.last_active, d.device_id).toBe(inRange ? d.last_seen : null);
      }
      const tokens = async (url: string, sql: string) =>
        new Set((await withClient(url, (c) => c.query<{ t: string }>(sql))).rows.map((x) => x.t));
      const masTokens = await tokens(mas, 'SELECT access_token AS t FROM compat_access_tokens');
      expect(masTokens.size).toBe(report.rowsWritten.compat_access_tokens);
      for (const t of masTokens) expect((await tokens(synapse, 'SELECT token AS t FROM access_tokens')).has(t)).toBe(true);
    });
  }
});
