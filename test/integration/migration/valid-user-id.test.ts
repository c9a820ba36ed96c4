import { describe, expect, it } from 'vitest';
import { localpart, validUserId } from '../../../src-main/engine/mapping/sql-fragments';
import { isLocalUserId } from '../../../src-main/engine/mapping/user-id';
import { freshDatabase, withClient } from '../../helpers/databases';

/**
 * SPEC §5: a user ID is `@localpart:server_name`; LIKE wildcards in the
 * server name must match only themselves. The user merge applies the
 * same rule to bytes (to the rows of users missing from users): both agree.
 */
describe('the user ID test in SQL and on bytes', () => {
  it('accepts exactly @localpart:server_name, even when the server name holds LIKE wildcards', async () => {
    const url = await freshDatabase();
    const server = 'ex_am%p\\le.org';
    const cases: [string, boolean][] = [
      [`@alice:${server}`, true],
      [`@a:b:${server}`, true],
      [`@é:${server}`, true],
      [`@:${server}`, false],
      [`alice:${server}`, false],
      ['@alice:exXamYp\\le.org', false],
      ['@alice:ex_am%pXle.org', false],
      [`@alice:${server}.evil`, false],
      [`:${server}`, false],
      [`@😀:${server}`, true],
      [`@:${server}x`, false],
      [`@${server}`, false],
      [`@@:${server}`, true],
      ['', false],
      ['@', false],
    ];
    const results = await withClient(url, async (c) => {
      const S = c.escapeLiteral(`:${server}`);
      const { rows } = await c.query<{ id: string; valid: boolean; local: string | null }>(
        `SELECT id, ${validUserId('id', S)} AS valid, ${localpart('id', S)} AS local FROM unnest($1::text[]) AS t(id)`,
        [cases.map(([id]) => id)],
      );
      return rows;
    });
    expect(results.map((r) => [r.id, r.valid])).toEqual(cases);
    const suffix = Buffer.from(`:${server}`);
    const onBytes = cases.map(([id]) => {
      const bytes = Buffer.from(`xx${id}yy`); // at an offset, as in a COPY chunk
      return [id, isLocalUserId(bytes, 2, bytes.length - 4, suffix)];
    });
    expect(onBytes).toEqual(cases);
    expect(results.find((r) => r.id === `@a:b:${server}`)?.local).toBe('a:b');
  });
});
