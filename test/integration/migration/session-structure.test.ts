import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { loadFixtureSchema } from '../../helpers/pg-clients';
import { freshDatabase } from '../../helpers/databases';
import { ruleSettings, serverName } from './rules-fixture';
import { seededRandom } from '../../helpers/seeded-random';

/** User IDs and device IDs whose byte order differs from most collations' (case, accents, prefixes, the empty string). */
const namePieces = ['a', 'A', 'b', 'B', 'é', 'E', 'z', '_', '.', '0', '~', 'aa', 'ä'];
const devicePieces = ['', 'D', 'd', 'D1', 'D10', 'D2', 'é', 'guest_device', 'x', 'X', 'DEV'];

/**
 * Synapse rows in every relationship the user merge must get right:
 * threepids and external IDs (on mapped, unknown and earlier-MAS providers)
 * of every kind of user, several users (active, deactivated, guests, application services, missing
 * from users, on another server), devices shared by name across users,
 * hidden and guest devices, tokens on missing devices, deviceless and puppet
 * tokens, refresh tokens with zero to three access tokens (some on other
 * devices, some puppets), chains whose successor was used or not, and
 * last_validated times absent, negative or ordinary.
 */
async function insertSessionRows(c: pg.Client, seed: number): Promise<void> {
  const r = seededRandom(seed);
  const users: string[] = [];
  // Statements by table, each group shuffled (the heap order must not be what the merge relies on), in foreign-key order.
  const sql: string[] = [];
  const refreshSql: string[] = [];
  const chainSql: string[] = [];
  const tokenSql: string[] = [];
  const lit = (v: string | null) => (v === null ? 'NULL' : c.escapeLiteral(v));
  const time = () => r.pick(['NULL', '-5', String(1600000000000 + r.int(1e9)), String(1600000000000 + r.int(1e9))]);
  for (let i = 0; i < 40; i++) {
    const name = `@${r.pick(namePieces)}${r.pick(namePieces)}${i}:${serverName}`;
    users.push(name);
    if (r.next() < 0.1) continue; // referenced, but missing from users
    const kind = r.pick(['active', 'active', 'active', 'active', 'deactivated', 'guest', 'appservice']);
    sql.push(
      `INSERT INTO users (name, creation_ts, admin, is_guest, deactivated, appservice_id) VALUES (${lit(name)}, ${r.pick(['NULL', '1600000000'])}, ${r.int(2)}, ${kind === 'guest' ? 1 : 0}, ${kind === 'deactivated' ? 1 : 0}, ${kind === 'appservice' ? "'irc'" : 'NULL'})`,
    );
  }
  users.push(`@foreign:other.org`);
  // A bot whose one device holds many tokens: a group big enough to be paired through a map.
  sql.push(`INSERT INTO users (name, creation_ts) VALUES ('@bot:${serverName}', 1600000000)`);
  const bot: [string, string] = [`@bot:${serverName}`, 'BOT'];
  const devices: [string, string][] = [];
  let serial = 0;
  for (const user of users) {
    for (let n = r.int(3); n > 0; n--) {
      sql.push(
        `INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES (${lit(user)}, ${lit(r.pick(['email', 'email', 'msisdn']))}, 'a${++serial}', 0, ${r.pick(['-5', String(1600000000000 + r.int(1e9))])})`,
      );
    }
    if (r.next() < 0.5) {
      sql.push(
        `INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES (${lit(r.pick(['oidc', 'oidc-google', 'oidc-unknown', 'oauth-delegated']))}, 's${++serial}', ${lit(user)})`,
      );
    }
    const count = user.endsWith(':other.org') ? 3 : r.int(4);
    for (const device of new Set(Array.from({ length: count }, () => r.pick(devicePieces)))) {
      devices.push([user, device]);
      sql.push(
        `INSERT INTO devices (user_id, device_id, last_seen, hidden) VALUES (${lit(user)}, ${lit(device)}, ${1600000000000 + r.int(1e6)}, ${r.next() < 0.3})`,
      );
    }
  }
  const somewhere = (): [string, string | null] => {
    const roll = r.next();
    if (roll < 0.7 && devices.length) return r.pick(devices);
    if (roll < 0.85) return [r.pick(users), null];
    return [r.pick(users), r.pick(devicePieces)]; // maybe a device that does not exist
  };
  let id = 1;
  const refreshIds: { id: number; at: [string, string | null] }[] = [];
  for (let k = 0; k < 100; k++) {
    const at = somewhere();
    if (at[1] === null) continue;
    refreshIds.push({ id: id++, at });
  }
  devices.push(bot);
  sql.push(`INSERT INTO devices (user_id, device_id) VALUES ('${bot[0]}', '${bot[1]}')`);
  for (let k = 0; k < 80; k++) refreshIds.push({ id: id++, at: bot });
  for (const refresh of refreshIds) {
    refreshSql.push(
      `INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (${refresh.id}, ${lit(refresh.at[0])}, ${lit(refresh.at[1])}, 'syr_${refresh.id}')`,
    );
    if (r.next() < 0.4) chainSql.push(`UPDATE refresh_tokens SET next_token_id = ${r.pick(refreshIds).id} WHERE id = ${refresh.id}`);
    // Zero to three access tokens carry its id: usually on its device, sometimes elsewhere, sometimes a puppet's.
    for (let n = r.pick([0, 0, 1, 1, 2, 3]); n > 0; n--) {
      const [user, device] = r.next() < 0.8 ? refresh.at : somewhere();
      const tokenId = id++;
      tokenSql.push(
        `INSERT INTO access_tokens (id, user_id, device_id, token, last_validated, refresh_token_id, used, puppets_user_id) VALUES (${tokenId}, ${lit(user)}, ${lit(device)}, 'syt_${tokenId}', ${time()}, ${refresh.id}, ${r.next() < 0.5}, ${r.next() < 0.1 ? lit(r.pick(users)) : 'NULL'})`,
      );
    }
  }
  for (let k = 0; k < 120; k++) {
    const [user, device] = somewhere();
    const tokenId = id++;
    tokenSql.push(
      `INSERT INTO access_tokens (id, user_id, device_id, token, last_validated, valid_until_ms, puppets_user_id) VALUES (${tokenId}, ${lit(user)}, ${lit(device)}, 'syt_${tokenId}', ${time()}, ${r.pick(['NULL', '1900000000000'])}, ${r.next() < 0.1 ? lit(r.pick(users)) : 'NULL'})`,
    );
  }
  const shuffled = (statements: string[]) => {
    for (let k = statements.length - 1; k > 0; k--) {
      const j = r.int(k + 1);
      [statements[k], statements[j]] = [statements[j]!, statements[k]!];
    }
    return statements;
  };
  await c.query(`${[sql, refreshSql, chainSql, tokenSql].flatMap(shuffled).join(';\n')}; ANALYZE`);
}

/**
 * The user merge against the independent verifier (SPEC §10, which
 * recomputes every rule of §5 with its own SQL): for random structures, a
 * dry run's rows match what the verifier expects in every table, and the
 * report's migrated counts are the rows written.
 */
describe('sessions, tokens and pairs in every relationship', () => {
  for (const seed of [11, 12, 13, 14]) {
    it(`seed ${seed} (Synapse database in ${seed % 2 ? 'C' : 'the default collation'})`, async () => {
      const synapse = await databaseWithSchema('synapse', seed % 2 ? { locale: 'C' } : {});
      await withClient(synapse, (c) => insertSessionRows(c, seed));
      const mas = await freshDatabase('mas');
      await loadFixtureSchema(mas, 'mas');
      const report = await runMigration(ruleSettings(synapse, mas, { dryRun: true }), { verify: true });
      expect(report.verification?.outcome, JSON.stringify(report.verification?.tables.filter((t) => t.differences.length))).toBe('match');
      const migrated = Object.fromEntries(report.entities.map((e) => [e.stage, e.migrated]));
      expect(report.rowsWritten.compat_refresh_tokens).toBe(migrated['refresh-pairs']);
      expect(report.rowsWritten.compat_access_tokens).toBe(migrated['access-tokens']! + migrated['refresh-pairs']!);
      expect(migrated.devices! + migrated['access-tokens']! + migrated['refresh-pairs']!).toBeGreaterThan(20);
      const skipped = report.entities.flatMap((e) => Object.keys(e.skipped));
      for (const reason of [
        'device-missing',
        'puppet-token',
        'no-access-token',
        'device-hidden',
        'user-missing',
        'user-id-invalid',
        'provider-unmapped',
        'previous-mas-link',
      ])
        expect(skipped, reason).toContain(reason);
    });
  }
});
