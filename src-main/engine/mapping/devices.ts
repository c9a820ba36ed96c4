import type { CopyRow, CopyRows } from '../../connect/postgres/copy-binary';
import { inetLength, parseDeviceIp, writeInet } from './device-ip';
import { deviceColumns as d } from './user-streams';
import { type EntityStage, type MappingContext, msOrNull } from './stage';
import { ipNotice, ipNoticeExample } from '../synapse/device-ip-notice';

const address = new Uint8Array(16);

/** A device's IP as compat_sessions.last_active_ip (SPEC §5, one rule with the data notices: see device-ip.ts); what it drops is noticed. */
function writeDeviceIp(device: CopyRow, out: CopyRows, ctx: MappingContext): void {
  const i = d.ip;
  const kind = device.isNull(i) ? 'unknown' : parseDeviceIp(device.buf, device.start[i]!, device.start[i]! + device.length[i]!, address);
  if (kind === 'ipv4' || kind === 'ipv6') {
    const at = out.reserve(inetLength(kind)); // first: it may grow the buffer
    writeInet(kind, address, out.target(), at);
    return;
  }
  if (kind === 'invalid')
    ctx.notices.ips.add(ipNotice.kind, ipNoticeExample(device.text(d.userId)!, device.text(d.deviceId)!, device.text(i)!));
  out.null();
}

/** devices → one compat_sessions row per visible device of an active user (SPEC §5). */
export const devicesStage: EntityStage = {
  id: 'devices',
  label: 'Devices',
  source: 'devices',
  outputs: ['compat_sessions'],
};

/** What a compat session row takes from its user and its tokens. */
export interface SessionFacts {
  id: Uint8Array;
  userId: Uint8Array;
  createdMs: number;
  admin: boolean;
}

/** A migrated device (its row of the devices stream) as its compat session. */
export function writeDeviceSession(device: CopyRow, session: SessionFacts, sessions: CopyRows, ctx: MappingContext): void {
  sessions.row(11);
  sessions.uuid(session.id);
  sessions.uuid(session.userId);
  sessions.copyField(device, d.deviceId);
  sessions.timestamp(session.createdMs);
  sessions.null(); // finished_at
  sessions.bool(session.admin);
  sessions.timestampOrNull(msOrNull(device.int8(d.lastSeen)));
  writeDeviceIp(device, sessions, ctx);
  sessions.null(); // user_session_id
  sessions.copyField(device, d.userAgent);
  sessions.copyField(device, d.displayName);
}

/** The session of its own that a token without device gets (improves on the reference tool: it keeps the admin flag). */
export function writeOwnSession(session: SessionFacts, sessions: CopyRows): void {
  sessions.row(11);
  sessions.uuid(session.id);
  sessions.uuid(session.userId);
  sessions.null();
  sessions.timestamp(session.createdMs);
  sessions.null();
  sessions.bool(session.admin);
  for (let i = 0; i < 5; i++) sessions.null(); // last_active_at, last_active_ip, user_session_id, user_agent, human_name
}
