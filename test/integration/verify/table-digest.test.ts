import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { expectedContext } from '../../../src-main/engine/verify/expected-rows';
import { MigrationStart } from '../../../src-main/engine/verify/migration-start';
import { providerUuids } from '../../../src-main/engine/verify/provider-uuids';
import { agreedRowCount, agreedRows, digestsAgree, recordDigestOf } from '../../../src-main/engine/verify/table-digest';
import { startSynapseDigests } from '../../../src-main/engine/verify/synapse-digests';
import { openSynapseSnapshot } from '../../helpers/open-synapse-snapshot';
import { serverUrl, withClient } from '../../helpers/databases';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { ruleSettings, serverName } from '../migration/rules-fixture';
import { verifySetup } from './verify-fixture';

/** Rows as a SELECT of literal values: (text, bigint, boolean), NULL where undefined. */
function valuesSelect(c: pg.Client, rows: readonly (readonly [string | null, string | null, boolean | null])[]): string {
  const lit = (v: string | null) => (v === null ? 'NULL' : c.escapeLiteral(v));
  const values = rows.map(([t, n, b]) => `(${lit(t)}::text, ${n === null ? 'NULL' : n}::bigint, ${b === null ? 'NULL' : b}::boolean)`);
  if (values.length === 0) return 'SELECT NULL::text AS t, NULL::bigint AS n, NULL::boolean AS b WHERE false';
  return `SELECT * FROM (VALUES ${values.join(', ')}) AS v(t, n, b)`;
}

/**
 * verify proves a table at once when both sides' order-free digests agree
 * (table-digest.ts), and compares row by row otherwise: the digest must tell
 * apart every change the row-by-row comparison would see.
 */
describe('the order-free digest of a table', () => {
  const rows = [
    ['alice', '1600000000000000', true],
    ['bob, "the builder"', null, false],
    ['', '0', null],
    ['tab\there (and) back\\slash', '-5', true],
  ] as const;

  type Rows = typeof rows | readonly (readonly [string | null, string | null, boolean | null])[];
  const agreed = (expected: Rows, found: Rows, startKnown = true) =>
    withClient(serverUrl(), (synapse) =>
      withClient(serverUrl(), (mas) =>
        agreedRowCount({ synapse, mas }, { expected: valuesSelect(synapse, expected), found: valuesSelect(mas, found) }, startKnown),
      ),
    );
  // The same rows hashed in their own types, as the digests do once the start is known.
  const agreedAsRecords = (expected: Rows, found: Rows) =>
    withClient(serverUrl(), async (c) =>
      agreedRows(await recordDigestOf(c, valuesSelect(c, expected)), await recordDigestOf(c, valuesSelect(c, found))),
    );

  it.each([
    ['as text', agreed],
    ['in their types', agreedAsRecords],
  ])('agrees on the same rows in any order, and gives their count (%s)', async (_, agreed) => {
    expect(await agreed(rows, [...rows].reverse())).toBe(4);
    expect(await agreed([], [])).toBe(0);
  });

  it.each([
    ['as text', agreed],
    ['in their types', agreedAsRecords],
  ])('differs on a changed value, NULL against an empty string, a missing, an extra or a repeated row (%s)', async (_, agreed) => {
    const changed = rows.map((r, i) => (i === 1 ? (['bob, "the builder"', '1', false] as const) : r));
    expect(await agreed(rows, changed)).toBeUndefined();
    const nullForEmpty = rows.map((r, i) => (i === 2 ? ([null, '0', null] as const) : r));
    expect(await agreed(rows, nullForEmpty)).toBeUndefined();
    expect(await agreed(rows, rows.slice(1))).toBeUndefined();
    expect(await agreed(rows.slice(1), rows)).toBeUndefined();
    // Two swapped values keep every column's multiset: only the rows tell them apart.
    const swapped = rows.map((r, i) =>
      i === 0 ? (['alice', '0', true] as const) : i === 2 ? (['', '1600000000000000', null] as const) : r,
    );
    expect(await agreed(rows, swapped)).toBeUndefined();
    // A row twice instead of two rows that cancel in an XOR.
    expect(await agreed([rows[0]!, rows[0]!], [rows[1]!, rows[1]!])).toBeUndefined();
  });

  it('refuses to judge a Synapse side holding the start marker while the migration start is unknown', async () => {
    const marked = [['start', '1', true]] as const;
    expect(await agreed(marked, marked, true)).toBe(1);
    expect(await agreed(marked, marked, false)).toBeUndefined();
    expect(await agreed(rows, rows, false)).toBe(4);
  });
});

describe('digests after a real migration', () => {
  const tables = [
    'users',
    'user_passwords',
    'user_emails',
    'user_unsupported_third_party_ids',
    'upstream_oauth_links',
    'user_registration_tokens',
  ] as const;

  it("prove every table outside the session side with the run's start; a wrong or unknown start proves no row that holds it", async () => {
    const { synapse: synapseUrl, mas: masUrl } = await verifySetup((c) => generateSynapseData(c, { serverName, users: 1200 }));
    const settings = ruleSettings(synapseUrl, masUrl, { writers: 2 });
    const report = await runMigration(settings);
    await withClient(synapseUrl, (synapse) =>
      withClient(masUrl, async (mas) => {
        const ctx = expectedContext(synapse, serverName, providerUuids(settings.masProviders), true);
        const count = async (table: (typeof tables)[number]) =>
          Number((await mas.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
        const run = new MigrationStart('run', Date.parse(report.startedAt));
        // Rows hashed in their types (both servers hash records) and as text (an older server) prove the same.
        for (const records of [true, false]) {
          for (const table of tables) {
            const n = await count(table);
            expect(n, table).toBeGreaterThan(0);
            expect(await digestsAgree({ synapse, mas }, table, ctx, run, records), `${table}, records ${records}`).toBe(n);
          }
          // Registration tokens are all created at the start (SPEC §13): a start a millisecond off is no proof.
          const offByOne = new MigrationStart('run', Date.parse(report.startedAt) + 1);
          expect(await digestsAgree({ synapse, mas }, 'user_registration_tokens', ctx, offByOne, records)).toBeUndefined();
        }
        // Nor is an unknown start, in a table that holds it.
        const unknown = new MigrationStart('inferred');
        expect(await digestsAgree({ synapse, mas }, 'user_registration_tokens', ctx, unknown, true)).toBeUndefined();
        expect(await digestsAgree({ synapse, mas }, 'user_emails', ctx, unknown, true)).toBe(await count('user_emails'));

        // migrate --verify's digests, computed ahead on a snapshot: Synapse changing afterwards does not reach them.
        const snapshot = await openSynapseSnapshot(settings.synapseDatabase, 'ACCESS SHARE', ['registration_tokens']);
        try {
          const startMs = Date.parse(report.startedAt);
          const ahead = startSynapseDigests(snapshot, settings, [...tables, 'compat_sessions'], startMs);
          const offByOne = startSynapseDigests(snapshot, settings, ['user_registration_tokens'], startMs + 1);
          expect([...ahead.keys()]).toEqual(tables); // the session side is compared otherwise
          await synapse.query('UPDATE users SET admin = 1 - admin');
          await ahead.get('users');
          for (const table of tables) {
            expect(await digestsAgree({ synapse, mas }, table, ctx, run, true, ahead.get(table)), table).toBe(await count(table));
          }
          // A digest made with a start a millisecond off, or none at all (computed again, and Synapse has changed since).
          const tokens = await digestsAgree(
            { synapse, mas },
            'user_registration_tokens',
            ctx,
            run,
            true,
            offByOne.get('user_registration_tokens'),
          );
          expect(tokens).toBeUndefined();
          expect(await digestsAgree({ synapse, mas }, 'users', ctx, run, true, Promise.resolve(undefined))).toBeUndefined();
        } finally {
          await snapshot.close();
        }
      }),
    );
  });
});
