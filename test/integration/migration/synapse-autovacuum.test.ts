import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPostgres, startLocalPostgres } from '../../../src-main/connect/embedded-postgres';
import { openSynapseSnapshot } from '../../helpers/open-synapse-snapshot';
import { failure } from '../../helpers/failure';
import { connectorFor, loadFixtureSchema, sameServerDatabase, withClient } from '../../helpers/pg-clients';

/**
 * A real autovacuum holding a Synapse table when a real run locks it (SPEC §4.1): PostgreSQL's own maintenance,
 * not Synapse. A server of this file's own wakes autovacuum every second and detects lock waits after 200 ms;
 * the table's own settings make its vacuum crawl (1 cost unit, then 100 ms asleep), so it holds the table long.
 */
let server: LocalPostgres;
beforeAll(async () => {
  server = await startLocalPostgres({ settings: { autovacuum_naptime: '1', deadlock_timeout: '200ms' } });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** `settings`: the table's further autovacuum settings. */
async function synapseWithSlowVacuum(name: string, settings = ''): Promise<string> {
  await withClient(server.url, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = sameServerDatabase(server.url, name);
  await loadFixtureSchema(url, 'synapse');
  await withClient(url, async (c) => {
    await c.query(
      `ALTER TABLE access_tokens SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0,
         autovacuum_vacuum_cost_delay = 100, autovacuum_vacuum_cost_limit = 1${settings})`,
    );
    await c.query(
      `INSERT INTO access_tokens (id, user_id, token) SELECT i, '@u' || i || ':example.org', 'syt_' || i FROM generate_series(1, 20000) i`,
    );
    await c.query('DELETE FROM access_tokens WHERE id % 2 = 0');
  });
  return url;
}

/** Waits (up to 60 s) until an autovacuum worker holds access_tokens; returns its query (we connect as superuser). */
async function autovacuumHolding(url: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const query = await withClient(url, async (c) => {
      const { rows } = await c.query<{ query: string }>(
        `SELECT a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.relation = 'access_tokens'::regclass AND l.granted AND a.backend_type = 'autovacuum worker'`,
      );
      return rows[0]?.query;
    });
    if (query) return query;
    if (Date.now() > deadline) throw new Error('no autovacuum started on access_tokens within 60 s');
    await sleep(100);
  }
}

describe('a Synapse table held by autovacuum (SPEC §4.1)', () => {
  it('a real run waits for an ordinary autovacuum, which PostgreSQL interrupts for it, instead of calling Synapse running', async () => {
    const url = await synapseWithSlowVacuum('synapse_vacuum');
    expect(await autovacuumHolding(url)).toMatch(/^autovacuum: VACUUM (ANALYZE )?\S*access_tokens$/);
    const started = Date.now();
    const snapshot = await openSynapseSnapshot(connectorFor(url), 'EXCLUSIVE', []);
    try {
      // Interrupted after deadlock_timeout (200 ms here): well within the 10 s of grace.
      expect(Date.now() - started).toBeLessThan(8_000);
      const holders = await withClient(url, (c) =>
        c.query<{ mode: string; backend_type: string }>(
          `SELECT l.mode, a.backend_type FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.relation = 'access_tokens'::regclass AND l.granted`,
        ),
      );
      expect(holders.rows).toEqual([{ mode: 'ExclusiveLock', backend_type: 'client backend' }]);
    } finally {
      await snapshot.close();
    }
  }, 120_000);

  it('an autovacuum preventing wraparound does not give way: the run stops at once with synapse-table-busy, not synapse-running', async () => {
    // No ordinary autovacuum (PostgreSQL still vacuums such a table to prevent wraparound), the table's freeze limit at
    // PostgreSQL's minimum, then over 100,000 transactions: its next vacuum is one to prevent wraparound.
    const url = await synapseWithSlowVacuum('synapse_wraparound', ', autovacuum_enabled = false, autovacuum_freeze_max_age = 100000');
    await withClient(url, (c) => c.query('DO $$ BEGIN FOR i IN 1..101000 LOOP PERFORM txid_current(); COMMIT; END LOOP; END $$'));
    await waitForWraparoundVacuum(url);
    const started = Date.now();
    const error = await failure(openSynapseSnapshot(connectorFor(url), 'EXCLUSIVE', []));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.code).toBe('synapse-table-busy');
    expect(error.message).toContain('access_tokens');
    expect(error.message).toContain('wraparound');
    expect(error.hint).toContain('pg_stat_progress_vacuum');
    // A dry run's ACCESS SHARE does not conflict with a vacuum.
    const dry = await openSynapseSnapshot(connectorFor(url), 'ACCESS SHARE', []);
    await dry.close();
  }, 120_000);
});

async function waitForWraparoundVacuum(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!/\(to prevent wraparound\)$/.test(await autovacuumHolding(url))) {
    if (Date.now() > deadline) throw new Error('no autovacuum to prevent wraparound started on access_tokens within 60 s');
    await sleep(100);
  }
}
