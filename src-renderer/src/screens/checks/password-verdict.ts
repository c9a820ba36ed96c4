import type { SandboxInfo } from '../../../../src-shared/contract/sandbox';
import { sandboxSampleLogins } from '../../../../src-shared/domain/sandbox-logins';

/** The sandbox's documented sample logins, when `profileId` is the running sandbox's profile; none otherwise. */
export function sampleLogins(sandbox: SandboxInfo | null | undefined, profileId: string) {
  if (!sandbox || sandbox.profileId !== profileId) return [];
  return sandboxSampleLogins.map((login) => ({ ...login, userId: `@${login.localpart}:${sandbox.serverName}` }));
}

/** A user ID has the shape @localpart:server_name; main checks the server name. */
export function userIdProblem(value: string): string | undefined {
  return !value.trim() || /^@[^:\s]+:\S+$/.test(value.trim()) ? undefined : 'A user ID looks like @alice:example.org.';
}
