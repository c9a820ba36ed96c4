import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { localpart } from './mapping/sql-fragments';
import { plural } from '../../../src-shared/text';
import { probeKinds } from './scan-probe';

/** What Node's net.isIP accepts, closely enough for a count: dotted-quad IPv4 without leading zeros, or hex/colon IPv6. */
const ipv4 = String.raw`^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$`;
const ipv6 = '^[0-9A-Fa-f:.]+$';

interface Notice {
  kind: string;
  source: string;
  /** SQL: true when the row has this notice. */
  when: string;
  message: (n: number) => string;
  fix: string;
}

/**
 * SPEC §2 data-notices (improves on the reference tool): counts of rows that
 * migrate but lose information. Warnings, with up to 20 examples each; one
 * scan of devices and one of users.
 */
export async function scanDataNotices(client: pg.Client, serverName: string): Promise<Finding[]> {
  const S = client.escapeLiteral(`:${serverName}`);
  const userColumns = new Set(
    (
      await client.query<{ c: string }>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users'",
      )
    ).rows.map((r) => r.c),
  );
  const migrated = 'u.appservice_id IS NULL';
  const userNotices: Notice[] = [
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
      when: `u.password_hash IS NOT NULL AND u.password_hash !~ '^\\$2[aby]\\$' AND ${migrated}`,
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
    userNotices.push({
      kind: 'restricted',
      source: `users.${restricted.join('/')}`,
      when: `(${restricted.map((c) => `coalesce(u.${c}, false)`).join(' OR ')}) AND ${migrated}`,
      message: (n) => `${plural(n, 'user is', 'users are')} suspended or shadow-banned; MAS does not carry these restrictions over.`,
      fix: 'Re-apply the restrictions after the migration (MAS can lock or deactivate users), or accept that they are lifted.',
    });
  }
  const ipNotice: Notice = {
    kind: 'ip',
    source: 'devices.ip',
    when: `d.ip IS NOT NULL AND d.ip NOT IN ('', '-') AND NOT (d.ip ~ '${ipv4}' OR (d.ip ~ '${ipv6}' AND d.ip LIKE '%:%'))`,
    message: (n) => `${plural(n, 'device has', 'devices have')} an IP address that is not IPv4/IPv6; their sessions get no last IP.`,
    fix: 'Nothing to do: MAS stores no IP for these sessions until the devices are used again.',
  };

  const devices = await probeKinds(client, 'FROM devices d', [ipNotice], "d.user_id || ' ' || d.device_id || ': ' || left(d.ip, 60)");
  const users = await probeKinds(client, 'FROM users u', userNotices, 'u.name');
  return [...[ipNotice].map((n) => [n, devices.get(n.kind)] as const), ...userNotices.map((n) => [n, users.get(n.kind)] as const)].flatMap(
    ([n, found]) =>
      found
        ? [
            {
              id: 'data-notices',
              severity: 'warning' as const,
              area: 'data-integrity' as const,
              message: n.message(found.count),
              fix: n.fix,
              source: n.source,
              ...found,
            },
          ]
        : [],
  );
}
