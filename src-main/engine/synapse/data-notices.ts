import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { parseDeviceIp } from '../mapping/device-ip';
import { deviceSkipReason, localpart, userSkipReason } from '../mapping/sql-fragments';
import { plural } from '../../../src-shared/text';
import { ipNotice, ipNoticeExample } from './device-ip-notice';
import { type Notice, noticeFindings } from './notice-findings';
import { ProblemTally, scanRows } from './problem-tally';

interface UserNotice extends Notice {
  /** SQL on the user `u`: true when the user has this notice. */
  when: string;
}

/**
 * SPEC §2 data-notices (improves on the reference tool): counts of rows that
 * migrate but lose information. Warnings, with up to 20 examples each. One
 * pass over users (only the users with a notice leave the server) and, with
 * `deviceIps`, one over the IPs of the devices that get sessions, classified
 * by the writer's own rule (device-ip.ts), so what this scan lets through is
 * exactly what the writer keeps. A run leaves the IPs to its writer, which
 * counts what it drops (device-ip-notice.ts): one read of devices, not two.
 */
export async function scanDataNotices(client: pg.Client, serverName: string, deviceIps: boolean): Promise<Finding[]> {
  const S = client.escapeLiteral(`:${serverName}`);
  const userNotices = await userNoticesOf(client, S);
  const found = new ProblemTally();
  await scanRows(
    client,
    `SELECT u.name, ${userNotices.map((n) => `(${n.when}) IS TRUE`).join(', ')} FROM users u WHERE ${userNotices.map((n) => `(${n.when})`).join(' OR ')}`,
    (row) => {
      for (let i = 0; i < userNotices.length; i++) if (row.bool(i + 1)) found.add(userNotices[i]!.kind, row.text(0)!);
    },
  );
  if (deviceIps) {
    const address = new Uint8Array(16);
    await scanRows(
      client,
      `SELECT d.user_id, d.device_id, d.ip FROM devices d JOIN users u ON u.name = d.user_id
       WHERE d.ip IS NOT NULL AND ${userSkipReason('u', S, true)} IS NULL AND ${deviceSkipReason('d')} IS NULL`,
      (row) => {
        if (parseDeviceIp(row.buf, row.start[2]!, row.start[2]! + row.length[2]!, address) === 'invalid')
          found.add(ipNotice.kind, ipNoticeExample(row.text(0)!, row.text(1)!, row.text(2)!));
      },
    );
  }
  return noticeFindings([ipNotice, ...userNotices], found);
}

async function userNoticesOf(client: pg.Client, S: string): Promise<UserNotice[]> {
  const userColumns = new Set(
    (
      await client.query<{ c: string }>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users'",
      )
    ).rows.map((r) => r.c),
  );
  const migrated = 'u.appservice_id IS NULL';
  const notices: UserNotice[] = [
    {
      kind: 'creation',
      source: 'users.creation_ts',
      when: `u.creation_ts IS NULL AND ${migrated}`,
      message: (n) =>
        `${plural(n, 'user has', 'users have')} no creation time; they get their earliest known activity, else the migration start.`,
      fix: 'Nothing to do unless exact creation dates matter to you.',
    },
    {
      kind: 'hash',
      source: 'users.password_hash',
      // The first four characters against the three prefixes, not a regular expression: a third of this scan's time.
      when: `u.password_hash IS NOT NULL AND left(u.password_hash, 4) NOT IN ('$2a$', '$2b$', '$2y$') AND ${migrated}`,
      message: (n) =>
        `${plural(n, 'user has', 'users have')} a password hash that is not bcrypt; MAS cannot verify it, so they must reset their password.`,
      fix: 'Tell these users to reset their password (or sign in through an upstream provider) after the migration.',
    },
    {
      kind: 'appservice',
      source: 'users.appservice_id',
      when: `u.appservice_id IS NOT NULL AND ${localpart('u.name', S)} LIKE '%:%'`,
      message: (n) =>
        `${plural(n, 'application-service user has', 'application-service users have')} ':' in their localpart; like all application-service users they are not migrated.`,
      fix: 'Nothing to do: application services keep managing their users through Synapse.',
    },
  ];
  const restricted = ['suspended', 'shadow_banned'].filter((c) => userColumns.has(c));
  if (restricted.length) {
    notices.push({
      kind: 'restricted',
      source: `users.${restricted.join('/')}`,
      when: `(${restricted.map((c) => `coalesce(u.${c}, false)`).join(' OR ')}) AND ${migrated}`,
      message: (n) => `${plural(n, 'user is', 'users are')} suspended or shadow-banned; MAS does not carry these restrictions over.`,
      fix: 'Re-apply the restrictions after the migration (MAS can lock or deactivate users), or accept that they are lifted.',
    });
  }
  return notices;
}
