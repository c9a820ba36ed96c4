import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { streamSql } from '../../../src-main/engine/mapping/user-streams';
import { sqlContext } from '../../../src-main/engine/synapse/sql-context';
import type { SynapseSnapshot } from '../../../src-main/engine/synapse/synapse-snapshot';
import { openSynapseSnapshot } from '../../helpers/open-synapse-snapshot';
import { type CompareOptions, compareTables } from '../../../src-main/engine/verify/compare-tables';
import { MigrationStart } from '../../../src-main/engine/verify/migration-start';
import { providerUuids } from '../../../src-main/engine/verify/provider-uuids';
import { sessionDigestWork } from '../../../src-main/engine/verify/session-digests';
import { beginWholeTableRead } from '../../../src-main/engine/verify/snapshot-lane';
import { startFromTokens } from '../../../src-main/engine/verify/start-from-tokens';
import { SessionDigestTap } from '../../../src-main/engine/verify/session-digest-tap';
import type { SynapseDigests } from '../../../src-main/engine/verify/synapse-digests';
import { sessionTables } from '../../../src-main/engine/verify/table-layouts';
import { withClient } from '../../helpers/databases';
import { connectorFor } from '../../helpers/pg-clients';
import { readUserMerge } from '../../helpers/user-merge-read';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { insertRuleRows, ruleSettings, serverName } from '../migration/rules-fixture';
import { verifySetup } from './verify-fixture';

const S = `':${serverName}'`;

/**
 * Synapse's half as migrate --verify works it out: from the user merge's
 * reading, through the tap (session-digest-tap.ts), which counts the rows
 * at `snapshot`.
 */
function tappedDigests(synapseUrl: string, startMs: number, snapshot: SynapseSnapshot): SynapseDigests {
  const tap = new SessionDigestTap(String(startMs * 1000), serverName, streamSql(S));
  return tap.digestsAfter(readUserMerge(synapseUrl, { ...sqlContext(S, false), tapColumns: tap.columns }, { tap, startMs }), snapshot);
}

/** The run's snapshot of Synapse, for as long as `use` needs it. */
async function withSnapshot<T>(synapseUrl: string, use: (snapshot: SynapseSnapshot) => Promise<T>): Promise<T> {
  const snapshot = await openSynapseSnapshot(connectorFor(synapseUrl), 'ACCESS SHARE', ['registration_tokens']);
  try {
    return await use(snapshot);
  } finally {
    await snapshot.close();
  }
}

/** The digests' verdict, Synapse's half computed ahead (`ahead`: migrate --verify) or from the sorted source, on one pair of connections. */
const provenBy = (synapseUrl: string, masUrl: string, start: number, ahead?: SynapseDigests) =>
  withClient(synapseUrl, (synapse) =>
    withClient(masUrl, async (mas) => {
      const { work, proven } = sessionDigestWork(serverName, String(start * 1000), ahead);
      for (const piece of work) expect(await piece({ synapse, mas })).toEqual([]);
      return proven();
    }),
  );

/** MAS's row counts of the session tables, in sessionTables' order. */
const sessionCounts = (masUrl: string) =>
  withClient(masUrl, async (mas) => {
    const { rows } = await mas.query<{ n: string }>(sessionTables.map((t) => `SELECT count(*) AS n FROM ${t}`).join(' UNION ALL '));
    return rows.map((r) => Number(r.n));
  });

/** Each session table proven, with these counts. */
const allProven = (counts: number[]) =>
  sessionTables.map((table, part) => ({ table, expected: counts[part], found: counts[part], matching: counts[part], differences: [] }));

/**
 * `migrate --verify` proves the session side by digests when it knows its
 * start (session-digests.ts): Synapse's half worked out by this process from
 * the rules, MAS's by PostgreSQL. They must agree on a right migration, and
 * anything they miss must still be found by the row-by-row comparison.
 */
describe('the session side proven by digests', () => {
  it('agrees after a real migration, differs with a start a millisecond off, and falls back to naming what MAS changed', async () => {
    const { synapse: synapseUrl, mas: masUrl } = await verifySetup((c) => generateSynapseData(c, { serverName, users: 1200 }));
    const settings = ruleSettings(synapseUrl, masUrl, { writers: 2 });
    const startMs = Date.parse((await runMigration(settings)).startedAt);
    const counts = await sessionCounts(masUrl);
    expect(counts.every((n) => n > 100)).toBe(true);

    await withSnapshot(synapseUrl, async (snapshot) => {
      const ahead = tappedDigests(synapseUrl, startMs, snapshot);
      const offByOne = tappedDigests(synapseUrl, startMs + 1, snapshot);
      const proven = (start: number, digests?: SynapseDigests) => provenBy(synapseUrl, masUrl, start, digests);
      const all = allProven(counts);
      expect(await proven(startMs, ahead)).toEqual(all);
      expect(await proven(startMs)).toEqual(all);
      // Devices never used get the start as created_at: a start a millisecond off proves none of the sessions.
      expect(await proven(startMs, offByOne)).toBeUndefined();
      expect(await proven(startMs + 1)).toBeUndefined();

      // MAS changed: one token's expiry and one session's admin flag. The digests differ; the rows name both.
      await withClient(masUrl, (mas) =>
        mas.query(`UPDATE compat_access_tokens SET expires_at = now()
            WHERE compat_access_token_id = (SELECT compat_access_token_id FROM compat_access_tokens ORDER BY 1 LIMIT 1);
          UPDATE compat_sessions SET is_synapse_admin = NOT is_synapse_admin
            WHERE compat_session_id = (SELECT compat_session_id FROM compat_sessions ORDER BY 1 DESC LIMIT 1)`),
      );
      const compare = (start: MigrationStart, synapseDigests?: CompareOptions['synapseDigests']) =>
        withClient(synapseUrl, (synapse) =>
          withClient(masUrl, async (mas: pg.Client) => {
            await Promise.all([beginWholeTableRead(synapse), beginWholeTableRead(mas)]);
            return compareTables([{ synapse, mas }], {
              serverName,
              providers: providerUuids(settings.masProviders),
              start,
              ...(synapseDigests ? { synapseDigests } : {}),
            });
          }),
        );
      const byDigest = await compare(new MigrationStart('run', startMs), ahead);
      // A later verify reads the start back from MAS (tokens Synapse never validated were created at it).
      const inferred = new MigrationStart('inferred');
      expect(await compare(inferred)).toEqual(byDigest);
      expect(inferred.known()).toBe(String(startMs * 1000));
      const sessions = byDigest.filter((t) => (sessionTables as readonly string[]).includes(t.table));
      expect(sessions.map((t) => [t.table, t.expected - t.matching])).toEqual([
        ['compat_sessions', 1],
        ['compat_access_tokens', 1],
        ['compat_refresh_tokens', 0],
      ]);

      // Read back from tokens that disagree, or from none: unknown, and the comparison learns it row by row.
      const readBack = () => withClient(synapseUrl, (synapse) => withClient(masUrl, (mas) => startFromTokens({ synapse, mas })));
      expect(await readBack()).toBe(String(startMs * 1000));
      const neverValidated = await withClient(synapseUrl, async (synapse) => {
        const { rows } = await synapse.query<{ token: string }>('SELECT token FROM access_tokens WHERE last_validated IS NULL');
        return rows.map((r) => r.token);
      });
      expect(neverValidated.length).toBeGreaterThan(16);
      await withClient(masUrl, (mas) =>
        mas.query(
          `UPDATE compat_access_tokens SET created_at = created_at - row_number * interval '1 second'
           FROM (SELECT access_token, row_number() OVER () FROM compat_access_tokens WHERE access_token = ANY($1)) AS n
           WHERE n.access_token = compat_access_tokens.access_token`,
          [neverValidated],
        ),
      );
      expect(await readBack()).toBeUndefined();
      await withClient(synapseUrl, (synapse) => synapse.query('UPDATE access_tokens SET last_validated = 1 WHERE last_validated IS NULL'));
      expect(await readBack()).toBeUndefined();
    });
  });

  it("works out, from the migration's reading, what MAS holds of the rules' rows: every session condition", async () => {
    const { synapse: synapseUrl, mas: masUrl } = await verifySetup(insertRuleRows);
    const startMs = Date.parse((await runMigration(ruleSettings(synapseUrl, masUrl))).startedAt);
    const counts = await sessionCounts(masUrl);
    // Sessions: Alice's four kept devices and her device-less token, Carol's device, Erin's token; tokens: four of
    // their own, three carrying the refresh tokens not superseded (rules-fixture.ts).
    expect(counts).toEqual([7, 7, 3]);
    const all = allProven(counts);
    const tapped = await withSnapshot(synapseUrl, (snapshot) =>
      provenBy(synapseUrl, masUrl, startMs, tappedDigests(synapseUrl, startMs, snapshot)),
    );
    expect(tapped).toEqual(all);
    expect(await provenBy(synapseUrl, masUrl, startMs)).toEqual(all);
  });
});
