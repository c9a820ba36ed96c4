import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { closeQuietly } from '../../../src-main/connect/postgres/pg-helpers';
import type { VerifySides } from '../../../src-main/engine/verify/compare-tables';
import { beginWholeTableRead, openSnapshotLane } from '../../../src-main/engine/verify/snapshot-lane';
import { freshDatabase, withClient } from '../../helpers/databases';
import { connectorFor } from '../../helpers/pg-clients';

/** The second lane of `syn2mas verify` must see exactly what the first sees, whatever commits meanwhile. */
describe('a verify lane sharing the snapshot', () => {
  const open: pg.Client[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map(closeQuietly));
  });

  async function sideWithRows(): Promise<{ url: string; client: pg.Client }> {
    const url = await freshDatabase('lane');
    await withClient(url, (c) => c.query('CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2)'));
    const client = await connectorFor(url).connect('test');
    open.push(client);
    await beginWholeTableRead(client);
    return { url, client };
  }
  const count = async (c: pg.Client) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM t')).rows[0]!.n);

  it('sees the rows the first pair saw, not what was committed after', async () => {
    const synapse = await sideWithRows();
    const mas = await sideWithRows();
    const sides: VerifySides = { synapse: synapse.client, mas: mas.client };
    // The first pair's snapshots are taken by their first query.
    expect([await count(sides.synapse), await count(sides.mas)]).toEqual([2, 2]);
    for (const side of [synapse, mas]) await withClient(side.url, (c) => c.query('INSERT INTO t VALUES (3)'));

    const lane = await openSnapshotLane(sides, { synapse: connectorFor(synapse.url), mas: connectorFor(mas.url) });
    expect(lane).toBeDefined();
    open.push(lane!.synapse, lane!.mas);
    expect([await count(lane!.synapse), await count(lane!.mas)]).toEqual([2, 2]);
    // A fresh transaction does see the new row: the lane's view is the shared snapshot, not an old one by chance.
    expect(await withClient(synapse.url, count)).toBe(3);
  });

  it('is left out, with nothing left open, when a side cannot have a second connection', async () => {
    const synapse = await sideWithRows();
    const mas = await sideWithRows();
    await count(synapse.client);
    await count(mas.client);
    const refused = { description: 'mas@nowhere', connect: () => Promise.reject(new Error('too many connections')) };
    const lane = await openSnapshotLane({ synapse: synapse.client, mas: mas.client }, { synapse: connectorFor(synapse.url), mas: refused });
    expect(lane).toBeUndefined();
    // The Synapse connection it had opened for the lane is closed again: only the test's own remains.
    const others = await withClient(synapse.url, (c) =>
      c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'),
    );
    expect(Number(others.rows[0]!.n)).toBe(1);
  });
});
