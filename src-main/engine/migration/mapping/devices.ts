import { isIP } from 'node:net';
import { joinCopyLine } from '../copy-text';
import { deviceSkipReason, tokenCtes, userCreatedMs, userSkipReason } from './sql-fragments';
import { deviceSessionUuid, type EntityStage, iso, num, type MappingContext, userUuid } from './stage';

/** `-` and empty mean "unknown"; anything else that is no IPv4/IPv6 address is garbage, counted as a notice. */
export function deviceIp(ip: string | null | undefined, ctx: MappingContext): string | null {
  if (ip === null || ip === undefined || ip === '' || ip === '-') return null;
  if (isIP(ip) !== 0) return ip;
  ctx.notices.invalidIps++;
  return null;
}

/** devices → one compat_sessions row per visible device of an active user (SPEC §5). */
export const devicesStage: EntityStage = {
  id: 'devices',
  label: 'Devices',
  source: 'devices',
  outputs: ['compat_sessions'],
  sql: (S) => `
    WITH ${tokenCtes}
    SELECT d.user_id, d.device_id, d.display_name, d.last_seen, d.ip, d.user_agent, u.admin <> 0, ${userCreatedMs('u')}, ss.first_ms,
      COALESCE(${userSkipReason('d.user_id', 'u', S, true)}, ${deviceSkipReason('d')})
    FROM devices d LEFT JOIN users u ON u.name = d.user_id
    LEFT JOIN session_start ss ON ss.user_id = d.user_id AND ss.device_id = d.device_id`,
  map(row, out, ctx) {
    const [userName, deviceId, displayName, lastSeen, ip, userAgent, admin, userCreated, firstTokenMs, reason] = row;
    if (reason) return reason;
    const created = num(firstTokenMs) ?? ctx.startMs;
    const lastSeenMs = num(lastSeen);
    out[0]!.push(
      joinCopyLine([
        deviceSessionUuid(ctx, userName!, deviceId!, firstTokenMs),
        userUuid(ctx, userName!, userCreated),
        deviceId,
        iso(created),
        null,
        admin === 't',
        lastSeenMs === null ? null : iso(lastSeenMs),
        deviceIp(ip, ctx),
        null,
        userAgent,
        displayName,
      ]),
    );
    return undefined;
  },
};
