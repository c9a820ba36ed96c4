import { connectorFor } from '../../helpers/pg-clients';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { copyOut, eachRow } from '../../../src-main/connect/postgres/copy-out';
import type { SynapseSnapshot } from '../../../src-main/engine/synapse/synapse-snapshot';
import { openSynapseSnapshot } from '../../helpers/open-synapse-snapshot';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { insertRuleRows } from './rules-fixture';

/** The first column of each row, as text (the reader streams binary COPY). */
async function rows(snapshot: SynapseSnapshot, sql: string): Promise<string[]> {
  const reader = await snapshot.openReader();
  const out: string[] = [];
  await eachRow(copyOut(reader, sql), (row) => out.push(row.text(0)!));
  await snapshot.closeReader(reader, true);
  return out;
}

describe('Synapse reader (SPEC §4.1)', () => {
  it('every reader sees the one snapshot, even when Synapse writes meanwhile (dry run), readers are reused once they end cleanly, and estimates come from the planner', async () => {
    const synapse = await databaseWithSchema('synapse');
    await withClient(synapse, insertRuleRows);
    const snapshot = await openSynapseSnapshot(connectorFor(synapse), 'ACCESS SHARE', []);
    try {
      await withClient(synapse, (c) => c.query("INSERT INTO users (name, creation_ts) VALUES ('@late:example.org', 1)"));
      expect(await rows(snapshot, 'SELECT count(*)::text FROM users')).toEqual(['8']);
      expect(await rows(snapshot, "SELECT name FROM users WHERE name LIKE '@a%' ORDER BY 1")).toEqual(['@alice:example.org']);
      expect((await snapshot.estimates()).users).toBe(8);
      // A reader that ended cleanly serves the next: one connection besides the snapshot's so far.
      expect(snapshot.pids).toHaveLength(2);
      const reader = await snapshot.openReader();
      await expect(reader.query("INSERT INTO users (name) VALUES ('@x:example.org')")).rejects.toThrow(/read-only transaction/);
      await snapshot.closeReader(reader, false);
      // One that failed is closed: the next reader is a new connection, at the same snapshot.
      expect(await rows(snapshot, 'SELECT count(*)::text FROM users')).toEqual(['8']);
      expect(snapshot.pids).toHaveLength(3);
    } finally {
      await snapshot.close();
    }
    expect(await withClient(synapse, async (c) => (await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n)).toBe(9);
  });

  it('a real run locks its tables EXCLUSIVE (the six, and registration_tokens): Synapse can no longer write, but the run can still read', async () => {
    const synapse = await databaseWithSchema('synapse');
    const snapshot = await openSynapseSnapshot(connectorFor(synapse), 'EXCLUSIVE', ['registration_tokens']);
    try {
      const locks = await withClient(synapse, (c) =>
        c.query<{ relname: string }>(
          "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.mode = 'ExclusiveLock' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY 1",
        ),
      );
      const tables = await withClient(synapse, (c) =>
        c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"),
      );
      // Every table of the Synapse fixture, which holds the tables the migration reads and no other.
      expect(locks.rows.map((r) => r.relname)).toEqual(tables.rows.map((r) => r.t));
      expect(await rows(snapshot, 'SELECT count(*)::text FROM devices')).toEqual(['0']);
    } finally {
      await snapshot.close();
    }
  });
});

describe('cancel while waiting for a safe snapshot', () => {
  it('a dry run waiting behind a busy serializable writer (DEFERRABLE) stops at once when cancelled', async () => {
    const synapse = await databaseWithSchema('synapse');
    const writer = await connectorFor(synapse).connect('busy-writer');
    try {
      await writer.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      await writer.query('SELECT count(*)::text FROM users');
      await writer.query("INSERT INTO users (name) VALUES ('@busy:example.org')");
      const controller = new AbortController();
      const opening = openSynapseSnapshot(connectorFor(synapse), 'ACCESS SHARE', [], controller.signal);
      opening.catch(() => {});
      const waiting = async () =>
        withClient(
          synapse,
          async (c) =>
            (await c.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'SafeSnapshot'")).rowCount,
        );
      while (!(await waiting())) await sleep(20);
      controller.abort();
      await expect(opening).rejects.toThrow();
    } finally {
      await writer.end();
    }
  });
});
