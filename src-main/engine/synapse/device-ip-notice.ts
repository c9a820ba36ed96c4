import { plural } from '../../../src-shared/text';
import type { Notice } from './notice-findings';

/**
 * SPEC §2's notice of the sessions that get no last IP (SPEC §5's rule,
 * device-ip.ts). `check` finds them by a scan; a run counts them as its
 * writer drops them (devices.ts), which reads every device anyway.
 */
export const ipNotice: Notice = {
  kind: 'ip',
  source: 'devices.ip',
  message: (n) =>
    `${plural(n, 'device has', 'devices have')} an IP address that is not a plain IPv4/IPv6 address (e.g. with a zone id or a prefix length); their sessions get no last IP.`,
  fix: 'Nothing to do: MAS stores no IP for these sessions until the devices are used again.',
};

/** How the notice shows one device: its user, its ID and the start of its IP. */
export const ipNoticeExample = (userId: string, deviceId: string, ip: string): string => `${userId} ${deviceId}: ${ip.slice(0, 60)}`;
