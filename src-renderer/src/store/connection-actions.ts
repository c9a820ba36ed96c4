import type { ConnectionStep } from '../../../src-shared/contract/connections';
import type { Side } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';

/** A side's connection test in main, every hop reported as it succeeds or fails. */
export function testConnection(profileId: string, side: Side, onStep: (step: ConnectionStep) => void) {
  return client().call('connections.test', { profileId, side }, { onEvent: onStep });
}

/** One folder on a side's server (over SFTP), as the file browser lists it. */
export async function browseServer(profileId: string, side: Side, folder: string) {
  const listing = await client().call('connections.browse', { profileId, side, path: folder });
  return {
    folder: listing.path,
    where: listing.where,
    entries: listing.entries.map((e) => ({ name: e.name, kind: e.type === 'link' ? ('file' as const) : e.type })),
  };
}
