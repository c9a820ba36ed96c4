import { describe, expect, it } from 'vitest';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { ruleSettings } from './rules-fixture';

/** Text with every character COPY escapes, in every column whose Synapse text reaches MAS as is. */
const odd = 'tab\there, newline\nand CR\r, back\\slash, \\N, \b\f\v, ünï€😀';

describe('text that COPY escapes', () => {
  it('reaches MAS exactly as Synapse holds it, and ids still match across tables', async () => {
    const synapse = await databaseWithSchema('synapse');
    const mas = await databaseWithSchema('mas');
    await withClient(synapse, (c) =>
      c.query(
        `INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, locked) VALUES ('@odd:example.org', $1, 1600000000, 0, 0, 0, false);
         INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@odd:example.org', 'email', $1, 1, 1600000001000), ('@odd:example.org', 'msisdn', $1, 1, 1600000002000);
         INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc', $1, '@odd:example.org');
         INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) VALUES ('@odd:example.org', $1, $1, 1600000003000, $1, $1, false);
         INSERT INTO access_tokens (id, user_id, device_id, token, last_validated) VALUES (1, '@odd:example.org', $1, $1, 1600000004000);`.replace(
          /\$1/g,
          c.escapeLiteral(odd),
        ),
      ),
    );
    const report = await runMigration(ruleSettings(synapse, mas));
    expect(report.invalidIps).toBe(1);
    const rows = await withClient(mas, async (c) => {
      const one = async (sql: string) => (await c.query(sql)).rows;
      return {
        password: await one('SELECT p.hashed_password AS v FROM user_passwords p JOIN users u USING (user_id)'),
        email: await one('SELECT e.email AS v FROM user_emails e JOIN users u USING (user_id)'),
        other: await one('SELECT t.address AS v FROM user_unsupported_third_party_ids t JOIN users u USING (user_id)'),
        link: await one('SELECT l.subject AS v FROM upstream_oauth_links l JOIN users u USING (user_id)'),
        session: await one(
          'SELECT s.device_id, s.human_name, s.user_agent, s.last_active_ip FROM compat_sessions s JOIN users u USING (user_id)',
        ),
        token: await one('SELECT t.access_token AS v FROM compat_access_tokens t JOIN compat_sessions s USING (compat_session_id)'),
      };
    });
    for (const key of ['password', 'email', 'other', 'link', 'token'] as const) expect(rows[key], key).toEqual([{ v: odd }]);
    expect(rows.session).toEqual([{ device_id: odd, human_name: odd, user_agent: odd, last_active_ip: null }]);
  });
});
