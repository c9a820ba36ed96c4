import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { copyOut, eachRow } from '../../../src-main/connect/postgres/copy-out';
import { connect, originOf } from '../../../src-main/connect/postgres/pg-helpers';
import { connectorFor } from '../../helpers/pg-clients';
import { freshDatabase } from '../../helpers/databases';

/** COPY TO read straight from the socket (copy-out.ts), against a real server. */
describe('binary COPY out of PostgreSQL', () => {
  it('streams every row; a query error mid-COPY rejects, names the database, and leaves the connection usable', async () => {
    const db = connectorFor(await freshDatabase());
    const client = await connect('Synapse', db, 'reader');
    try {
      let sum = 0;
      await eachRow(copyOut(client, "SELECT i::bigint, repeat('x', i % 300) FROM generate_series(1, 20000) AS i"), (row) => {
        sum += row.int8(0)!;
      });
      expect(sum).toBe((20000 * 20001) / 2);

      let seen = 0;
      const failing = eachRow(
        copyOut(client, 'SELECT CASE WHEN i = 15000 THEN 1 / (i - i) ELSE i END FROM generate_series(1, 20000) AS i'),
        () => {
          seen++;
        },
      );
      const error = await failing.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).message).toMatch(/division by zero/);
      expect(originOf(error)).toEqual({ side: 'Synapse', description: db.description });
      expect(seen).toBeLessThan(15000);
      expect(seen).toBeGreaterThan(0);
      await expect(eachRow(copyOut(client, 'SELEC 1'), () => {})).rejects.toThrow(/syntax error/);
      expect((await client.query('SELECT 42 AS n')).rows[0].n).toBe(42);
    } finally {
      await client.end();
    }
  });

  it('a caller that stops reading holds the server back instead of buffering the result', async () => {
    const client = await connect('Synapse', connectorFor(await freshDatabase()), 'reader');
    try {
      const memory = process.memoryUsage().arrayBuffers;
      const copy = copyOut(client, "SELECT repeat('y', 1000) FROM generate_series(1, 200000)");
      await copy.more();
      await sleep(1000); // the server could send most of its 200 MB meanwhile
      expect(process.memoryUsage().arrayBuffers - memory).toBeLessThan(4 << 20);
      let rows = 0;
      for (;;) {
        while (copy.next()) rows++;
        if (!(await copy.more())) break;
      }
      expect(rows).toBe(200000);
    } finally {
      await client.end();
    }
  });
});
