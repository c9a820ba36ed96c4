import type { ProfileSide } from '../../../../src-shared/domain/profile';

/** "homeserver.yaml on admin@matrix.example.org" — where a side's config is, in a few words. */
export function sideSummary(side: ProfileSide): string {
  const file = side.configFiles.paths[0]?.split('/').pop() ?? 'no config file yet';
  if (side.configFiles.location === 'ssh' && side.ssh) return `${file} on ${side.ssh.user ? `${side.ssh.user}@` : ''}${side.ssh.host}`;
  return side.ssh ? `${file}, database over SSH via ${side.ssh.host}` : `${file} on this computer`;
}
