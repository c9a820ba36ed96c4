import type pg from 'pg';

export interface SynapseDataOptions {
  serverName: string;
  users: number;
}

/**
 * Fills a Synapse database (src-main/sandbox/synapse-schema-sql.ts) with `users`
 * users of every shape SPEC §5 mentions, entirely in SQL with
 * generate_series so it scales to millions of rows. Per user, by its number
 * i: ~3 devices (some hidden), ~4 access tokens including a refresh-token
 * chain whose successor was used, deviceless and puppet tokens, e-mails and
 * phone numbers, external IDs on two providers (`oidc-google`, `oidc`),
 * guests, deactivated, locked, admin and application-service users, odd IPs,
 * long user agents and NULL creation_ts; and a registration token per 1000
 * users (at least one unlimited, one with uses left, one used up, one expired). Every row is placeable (the
 * integrity scan finds nothing), so tests add broken rows by hand.
 */
export async function generateSynapseData(client: pg.Client, { serverName, users }: SynapseDataOptions): Promise<void> {
  const S = client.escapeLiteral(`:${serverName}`);
  const N = Math.max(1, Math.floor(users));
  const u = (expr: string) => `'@user' || ${expr} || ${S}`;
  await client.query(`
    INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, appservice_id, deactivated, shadow_banned, locked, suspended)
    SELECT ${u('i')},
      CASE WHEN i % 97 = 0 THEN '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' WHEN i % 11 = 0 THEN NULL
           ELSE '$2b$12$' || md5(i::text) || 'abcdefghijklmnopqrstu' END,
      CASE WHEN i % 50 = 0 THEN NULL ELSE 1500000000 + i END,
      (i % 100 = 1)::int, (i % 200 = 2)::int, CASE WHEN i % 25 = 3 THEN 'bridge' END, (i % 30 = 4)::int,
      i % 80 = 5, i % 40 = 6, i % 70 = 7
    FROM generate_series(1, ${N}) AS i;
    INSERT INTO users (name, creation_ts, appservice_id) VALUES ('@bridge_irc:nick' || ${S}, 1500000000, 'irc');

    INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at)
    SELECT ${u('i')}, 'email', 'user' || i || '@example.org', 1500000000000 + i * 1000, 1500000000000 + i * 1000
    FROM generate_series(1, ${N}) AS i WHERE i % 5 <> 0
    UNION ALL
    SELECT ${u('i')}, 'msisdn', '4470000' || i, 1500000000000 + i * 1000, 1500000000000 + i * 1000
    FROM generate_series(1, ${N}) AS i WHERE i % 10 = 0;

    INSERT INTO user_external_ids (auth_provider, external_id, user_id)
    SELECT 'oidc-google', 'g-' || i, ${u('i')} FROM generate_series(1, ${N}) AS i WHERE i % 3 = 0
    UNION ALL
    SELECT 'oidc', 'sub-' || i, ${u('i')} FROM generate_series(1, ${N}) AS i WHERE i % 7 = 0;

    INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden)
    SELECT ${u('i')}, 'DEV' || i || '_' || k, 'Device ' || k, 1600000000000 + i * 1000 + k,
      CASE WHEN (i + k) % 20 = 0 THEN '-' WHEN (i + k) % 33 = 0 THEN 'not-an-ip' WHEN (i + k) % 37 = 0 THEN NULL
           WHEN (i + k) % 15 = 0 THEN '2001:db8::' || to_hex(i) ELSE '10.' || (i % 256) || '.' || k || '.' || (i / 256 % 256) END,
      CASE WHEN i % 100 = 9 THEN repeat('Mozilla/5.0 (X11; Linux x86_64) ', 300) ELSE 'Element/1.' || k END,
      k = 3 AND i % 4 = 0
    FROM generate_series(1, ${N}) AS i, generate_series(1, 3) AS k
    UNION ALL
    SELECT ${u('i')}, 'guest_device', NULL, 1600000000000 + i * 1000, '10.0.0.1', 'Guest', false
    FROM generate_series(1, ${N}) AS i WHERE i % 200 = 2;

    -- A refresh-token chain per user on device 2: A -> B. B's access token is used
    -- for even users, which supersedes A (SPEC §5).
    INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id)
    SELECT i * 10 + 3, ${u('i')}, 'DEV' || i || '_2', 'syr_' || i || '_3', NULL FROM generate_series(1, ${N}) AS i
    UNION ALL
    SELECT i * 10 + 2, ${u('i')}, 'DEV' || i || '_2', 'syr_' || i || '_2', i * 10 + 3 FROM generate_series(1, ${N}) AS i;

    INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, puppets_user_id, last_validated, refresh_token_id, used)
    SELECT i * 10 + k, ${u('i')},
      CASE k WHEN 1 THEN 'DEV' || i || '_1' WHEN 2 THEN 'DEV' || i || '_2' WHEN 3 THEN 'DEV' || i || '_2' WHEN 4 THEN NULL
             WHEN 5 THEN 'DEV' || i || '_1' ELSE 'DEV' || i || '_3' END,
      'syt_' || i || '_' || k,
      CASE WHEN k IN (2, 3) THEN 1900000000000 + i END,
      CASE WHEN k = 5 THEN ${u('(i + 1)')} END,
      CASE WHEN i % 9 = 0 AND k = 6 THEN NULL ELSE 1600000000000 + i * 1000 + k * 10 END,
      CASE WHEN k IN (2, 3) THEN i * 10 + k END,
      CASE WHEN k = 3 THEN i % 2 = 0 WHEN k = 2 THEN true END
    FROM generate_series(1, ${N}) AS i, generate_series(1, 6) AS k
    WHERE k IN (1, 2, 3, 6) OR (k = 4 AND i % 5 = 0) OR (k = 5 AND i % 10 = 0);

    -- Registration tokens (SPEC §13), one per 1000 users and at least one of each
    -- kind, by j % 4: unlimited, limited with uses left, used up, expired.
    INSERT INTO registration_tokens (token, uses_allowed, pending, completed, expiry_time)
    SELECT 'invite_' || j || '_' || left(md5('token' || j), 12),
      CASE j % 4 WHEN 1 THEN 10 WHEN 2 THEN 5 END, 0,
      CASE j % 4 WHEN 0 THEN j % 7 WHEN 1 THEN 3 WHEN 2 THEN 5 ELSE 1 END,
      CASE j % 4 WHEN 1 THEN 4100000000000 + j WHEN 3 THEN 1600000000000 + j END
    FROM generate_series(1, greatest(4, ${N} / 1000)) AS j;

    ANALYZE;
  `);
}
