import type { CopyRow, CopyRows } from '../copy-binary';
import { inetLength, parseDeviceIp, writeInet } from '../device-ip';
import { sessionColumns as c } from './session-columns';
import { type EntityStage, idScratch, type MappingContext, msOrNull } from './stage';

/** This stage's columns of the sessions query. */
const [displayName, lastSeen, ip, userAgent] = [7, 8, 9, 10];
const address = new Uint8Array(16);

/** A device's IP as compat_sessions.last_active_ip (SPEC §5, one rule with the data notices: see device-ip.ts). */
export function writeDeviceIp(row: CopyRow, i: number, out: CopyRows, ctx: MappingContext): void {
  const kind = row.isNull(i) ? 'unknown' : parseDeviceIp(row.buf, row.start[i]!, row.start[i]! + row.length[i]!, address);
  if (kind === 'ipv4' || kind === 'ipv6') {
    const at = out.reserve(inetLength(kind)); // first: it may grow the buffer
    writeInet(kind, address, out.target(), at);
    return;
  }
  if (kind === 'invalid') ctx.notices.invalidIps++;
  out.null();
}

/** devices → one compat_sessions row per visible device of an active user (SPEC §5). */
export const devicesStage: EntityStage = {
  id: 'devices',
  label: 'Devices',
  source: 'devices',
  outputs: ['compat_sessions'],
  map(row, [sessions], ctx) {
    const skip = row.text(c.reason);
    if (skip !== null) return skip;
    const created = msOrNull(row.int8(c.sessionStart)) ?? ctx.startMs;
    const lastSeenMs = msOrNull(row.int8(lastSeen));
    sessions!.row(11);
    sessions!.uuid(ctx.ids.mint('device-session', created, idScratch[0], row, c.userId, c.deviceId));
    sessions!.uuid(ctx.ids.mint('user', msOrNull(row.int8(c.userCreated)) ?? ctx.startMs, idScratch[1], row, c.userId));
    sessions!.copyField(row, c.deviceId);
    sessions!.timestamp(created);
    sessions!.null();
    sessions!.bool(row.bool(c.admin));
    sessions!.timestampOrNull(lastSeenMs);
    writeDeviceIp(row, ip, sessions!, ctx);
    sessions!.null();
    sessions!.copyField(row, userAgent);
    sessions!.copyField(row, displayName);
    return undefined;
  },
};
