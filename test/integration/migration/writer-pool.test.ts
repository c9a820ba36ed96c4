import { connectorFor } from '../../helpers/pg-clients';
import { describe, expect, it } from 'vitest';
import { CopyRows } from '../../../src-main/connect/postgres/copy-binary';
import { openSink, WriterPool } from '../../../src-main/engine/mas/writer-pool';
import { databaseWithSchema, sessionsGone, withClient } from '../../helpers/databases';

describe('MAS writer pool (SPEC §4.3)', () => {
  it('hands out writers first-fit, gives up waiting on abort, and commits nothing before commitAll', async () => {
    const mas = await databaseWithSchema('mas');
    await withClient(mas, (c) =>
      c.query('ALTER TABLE user_emails DROP CONSTRAINT user_emails_user_id_fkey; ALTER TABLE user_emails RENAME TO syn2mas__user_emails'),
    );
    const pool = await WriterPool.open(connectorFor(mas), 2);
    try {
      const [one] = await pool.acquire(1, new AbortController().signal);
      const controller = new AbortController();
      const pair = pool.acquire(2, controller.signal);
      // A one-writer stage need not wait behind the two-writer one.
      const [other] = await pool.acquire(1, new AbortController().signal);
      controller.abort(new Error('stop'));
      await expect(pair).rejects.toThrow('stop');

      const sink = openSink(one!, 'user_emails');
      const rows = new CopyRows();
      rows.row(4);
      rows.uuid(Buffer.from('0190f1d2000070008000000000000001', 'hex'));
      rows.uuid(Buffer.from('0190f1d2000070008000000000000002', 'hex'));
      rows.text('a@example.org');
      rows.timestamp(Date.UTC(2024, 0, 1));
      await sink.write(rows.take()!);
      await sink.end();
      const visible = () => withClient(mas, async (c) => (await c.query('SELECT count(*)::int AS n FROM syn2mas__user_emails')).rows[0].n);
      expect(await visible()).toBe(0);
      pool.release([one!, other!]);
      await pool.commitAll();
      expect(await visible()).toBe(1);
      expect(
        await withClient(
          mas,
          async (c) =>
            (
              await c.query(
                "SELECT user_email_id::text || ' ' || email || ' ' || (created_at AT TIME ZONE 'UTC')::text AS row FROM syn2mas__user_emails",
              )
            ).rows[0].row,
        ),
      ).toBe('0190f1d2-0000-7000-8000-000000000001 a@example.org 2024-01-01 00:00:00');
    } finally {
      await pool.close();
    }
  });

  it('connects its writers all at once, and closes the ones that opened when another cannot', async () => {
    const mas = await databaseWithSchema('mas');
    const real = connectorFor(mas);
    let attempts = 0;
    const refusing = {
      description: real.description,
      connect: (name: string) => (++attempts === 3 ? Promise.reject(new Error('too many connections')) : real.connect(name)),
    };
    await expect(WriterPool.open(refusing, 4)).rejects.toThrow('too many connections');
    expect(attempts).toBe(4);
    // Each attempt was made (at once, not one after another), and the ones that opened are closed again.
    await sessionsGone(mas);
    const pool = await WriterPool.open(real, 4);
    expect(pool.pids).toHaveLength(4);
    await pool.close();
  });
});
