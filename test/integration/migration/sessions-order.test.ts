import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { keysSortBytewise, sqlContext } from '../../../src-main/engine/synapse/sql-context';
import type { MigrationReport } from '../../../src-shared/domain/report';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { readUserMerge } from '../../helpers/user-merge-read';
import { insertRuleRows, ruleSettings, serverName } from './rules-fixture';

/** The key columns the user merge orders by (the rule is tested on them all). */
const keyColumns = [
  ['users', 'name'],
  ['user_threepids', 'user_id'],
  ['user_external_ids', 'user_id'],
  ['devices', 'user_id'],
  ['devices', 'device_id'],
  ['access_tokens', 'user_id'],
  ['access_tokens', 'device_id'],
  ['refresh_tokens', 'user_id'],
  ['refresh_tokens', 'device_id'],
];

const collate = (collation: string) => (c: pg.Client) =>
  c.query(keyColumns.map(([t, col]) => `ALTER TABLE ${t} ALTER COLUMN ${col} TYPE text COLLATE "${collation}"`).join('; '));

/** Users whose byte order is not an English collation's ('@Zed' before '@alice' in bytes, after it in English). */
const moreUsers = (c: pg.Client) =>
  c.query(`
    INSERT INTO users (name, creation_ts) VALUES ('@Zed:example.org', 1600000000), ('@Émile:example.org', 1600000000);
    INSERT INTO devices (user_id, device_id, hidden) VALUES ('@Zed:example.org', 'Z1', false), ('@Émile:example.org', 'e1', false), ('@Émile:example.org', 'E2', false);
    INSERT INTO access_tokens (id, user_id, device_id, token, last_validated) VALUES
      (900, '@Zed:example.org', 'Z1', 'syt_z', 1600000900000), (901, '@Émile:example.org', 'E2', 'syt_e', 1600000900000);
    ANALYZE`);

const outcome = (r: MigrationReport) => ({ entities: r.entities, rowsWritten: r.rowsWritten, invalidIps: r.invalidIps });

describe('the order of the user streams', () => {
  it('is byte order by the columns’ own collation when Synapse is set up as it asks (C), else under "C"', async () => {
    const cases: [string, (c: pg.Client) => Promise<unknown>, { locale?: 'C' }, boolean][] = [
      ['a C database', async () => {}, { locale: 'C' }, true],
      ['the default collation (libc C.UTF-8)', async () => {}, {}, false],
      ['key columns declared "C" in a database of another collation', collate('C'), {}, true],
      ['key columns in an ICU collation in a C database', collate('en-x-icu'), { locale: 'C' }, false],
    ];
    for (const [what, setUp, options, bytewise] of cases) {
      const synapse = await databaseWithSchema('synapse', options);
      await withClient(synapse, setUp);
      expect(await withClient(synapse, keysSortBytewise), what).toBe(bytewise);
    }
  });

  it('a Synapse database whose IDs sort in an English collation migrates exactly as a C one', async () => {
    const migrate = async (setUp: (c: pg.Client) => Promise<unknown>) => {
      const synapse = await databaseWithSchema('synapse', { locale: 'C' });
      await withClient(synapse, async (c) => {
        await setUp(c);
        await insertRuleRows(c);
        await moreUsers(c);
      });
      const report = await runMigration(ruleSettings(synapse, await databaseWithSchema('mas')), { verify: true });
      expect(report.verification?.outcome).toBe('match');
      return outcome(report);
    };
    const inC = await migrate(async () => {});
    expect(inC.entities.find((e) => e.stage === 'devices')!.migrated).toBe(8);
    expect(await migrate(collate('en-x-icu'))).toEqual(inC);
  });

  it('streams that break byte order stop the merge with an error, never skip rows as missing', async () => {
    const synapse = await databaseWithSchema('synapse', { locale: 'C' });
    await withClient(synapse, async (c) => {
      await collate('en-x-icu')(c);
      await insertRuleRows(c);
      await moreUsers(c);
    });
    const claimed = sqlContext(`':${serverName}'`, true); // as if the ICU columns sorted bytewise
    await expect(readUserMerge(synapse, claimed)).rejects.toThrow(/not in byte order/);
  });
});
