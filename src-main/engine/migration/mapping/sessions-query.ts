import { accessTokensStage } from './access-tokens';
import { devicesStage } from './devices';
import { refreshPairsStage } from './refresh-pairs';
import { deviceSkipReason, missingDeviceReason, userCreatedMs, userSkipReason } from './sql-fragments';
import type { StageQuery } from './stage';

/**
 * Devices, non-refreshable access tokens and refreshable pairs in one query
 * (SPEC §5): all three need, per device, the earliest last_validated of its
 * migrated tokens (the session's created_at, in its id) and the device's
 * own facts. One query computes them once, with hash joins and one hash
 * aggregate; three queries would each compute them again.
 *
 * `pairs`: each refresh token with the newest access token carrying its id
 * (same user and device), and whether its successor's access token was
 * used. `session_start`: the earliest last_validated per device among the
 * tokens that are migrated. `dev`: each device with its user's facts, its
 * session start and why it is skipped; tokens inherit it. Numbers are
 * cast to the bigint the binary reader expects, whatever integer type a
 * Synapse version gave the column.
 */
export const sessionsQuery: StageQuery = {
  stages: [devicesStage, accessTokensStage, refreshPairsStage],
  sql: (S) => `
    WITH pairs AS MATERIALIZED (
      SELECT DISTINCT ON (rt.id) rt.id AS rt_id, rt.token AS rt_token, rt.user_id, rt.device_id,
        a.id AS at_id, a.token AS at_token, a.last_validated, a.valid_until_ms,
        (rt.next_token_id IS NOT NULL AND EXISTS (SELECT 1 FROM access_tokens n WHERE n.refresh_token_id = rt.next_token_id AND n.used)) AS successor_used
      FROM refresh_tokens rt
      LEFT JOIN access_tokens a ON a.refresh_token_id = rt.id AND a.user_id = rt.user_id AND a.device_id = rt.device_id AND a.puppets_user_id IS NULL
      ORDER BY rt.id, a.id DESC
    ),
    session_start AS (
      SELECT user_id, device_id, min(ts)::bigint AS first_ms FROM (
        SELECT user_id, device_id, last_validated AS ts FROM access_tokens
        WHERE device_id IS NOT NULL AND refresh_token_id IS NULL AND puppets_user_id IS NULL
        UNION ALL
        SELECT user_id, device_id, last_validated FROM pairs WHERE at_id IS NOT NULL AND NOT successor_used
      ) AS t GROUP BY user_id, device_id
    ),
    dev AS MATERIALIZED (
      SELECT d.user_id, d.device_id, d.display_name, d.last_seen, d.ip, d.user_agent, u.admin <> 0 AS admin,
        ${userCreatedMs('u')} AS user_created, ss.first_ms,
        COALESCE(${userSkipReason('d.user_id', 'u', S, true)}, ${deviceSkipReason('d')}) AS reason
      FROM devices d LEFT JOIN users u ON u.name = d.user_id
      LEFT JOIN session_start ss ON ss.user_id = d.user_id AND ss.device_id = d.device_id
    )
    SELECT 0::int2, user_id, device_id, reason, admin, user_created, first_ms,
      display_name, last_seen::bigint, ip, user_agent, NULL::bigint, NULL::bigint, NULL::bigint
    FROM dev
    UNION ALL
    SELECT 1::int2, a.user_id, a.device_id,
      CASE WHEN a.puppets_user_id IS NOT NULL THEN 'puppet-token'
        WHEN a.device_id IS NULL THEN ${userSkipReason('a.user_id', 'u', S, true)}
        WHEN dev.user_id IS NULL THEN ${missingDeviceReason('a.user_id', S)}
        ELSE dev.reason END,
      u.admin <> 0, ${userCreatedMs('u')}, dev.first_ms,
      a.token, a.last_validated::bigint, NULL, NULL, a.id::bigint, a.valid_until_ms::bigint, NULL
    FROM access_tokens a
    LEFT JOIN dev ON dev.user_id = a.user_id AND dev.device_id = a.device_id
    LEFT JOIN users u ON a.device_id IS NULL AND u.name = a.user_id
    WHERE a.refresh_token_id IS NULL
    UNION ALL
    SELECT 2::int2, p.user_id, p.device_id,
      CASE WHEN dev.user_id IS NULL THEN ${missingDeviceReason('p.user_id', S)}
        ELSE COALESCE(dev.reason, CASE WHEN p.at_id IS NULL THEN 'no-access-token' WHEN p.successor_used THEN 'successor-used' END) END,
      NULL, NULL, dev.first_ms,
      p.at_token, p.last_validated::bigint, p.rt_token, NULL, p.at_id::bigint, p.valid_until_ms::bigint, p.rt_id::bigint
    FROM pairs p LEFT JOIN dev ON dev.user_id = p.user_id AND dev.device_id = p.device_id`,
};
