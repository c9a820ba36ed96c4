import type { MasTable } from '../mas/mas-tables';
import type { MigrationSettings } from '../run/migration-settings';
import { hasSynapseTable } from '../synapse/synapse-optional-tables';
import type { SynapseSnapshot } from '../synapse/synapse-snapshot';
import { tuneForWholeTables } from './compare-tables';
import { expectedContext } from './expected-rows';
import { providerUuids } from './provider-uuids';
import { type Digest, hashesRecords, synapseDigest } from './table-digest';
import { type SessionTable, sessionTables } from './table-layouts';

/** Synapse's digest of each table, as it comes; undefined if it could not be computed. */
export type SynapseDigests = ReadonlyMap<MasTable, Promise<Digest | undefined>>;

/**
 * `migrate --verify` (SPEC §10): Synapse's half of the digests (table-digest.ts)
 * depends only on the run's snapshot and its start, both known before MAS's
 * rows can be read. So they are computed on a reader of their own while the
 * run builds its constraints on one connection, with a core to spare, and
 * the verification after it only has MAS's half left to compute. A digest
 * that fails is computed again there, in the ordinary way.
 */
export function startSynapseDigests(
  snapshot: SynapseSnapshot,
  settings: MigrationSettings,
  tables: readonly MasTable[],
  startMs: number,
): SynapseDigests {
  // The directory's links add rows Synapse's tables do not hold (SPEC §11): that table is compared row by row.
  const digested = tables.filter(
    (t): t is Exclude<MasTable, SessionTable> =>
      !(sessionTables as readonly MasTable[]).includes(t) && !(settings.directory && t === 'upstream_oauth_links'),
  );
  const opened = (async () => {
    const synapse = await snapshot.openReader();
    await tuneForWholeTables(synapse);
    const hasTokens = await hasSynapseTable(synapse, 'registration_tokens');
    const ctx = expectedContext(synapse, settings.serverName, providerUuids(settings.masProviders), hasTokens);
    return { synapse, ctx, records: await hashesRecords(synapse) };
  })();
  const digests = new Map<MasTable, Promise<Digest | undefined>>();
  // One after the other on the reader, in the order the comparison takes them; each ready as soon as computed.
  let previous: Promise<unknown> = opened.then(
    () => undefined,
    () => undefined,
  );
  let clean = true;
  for (const table of digested) {
    const digest = previous.then(async () => {
      const { synapse, ctx, records } = await opened;
      // An older server's digests are left to the comparison, which hashes text there (table-digest.ts).
      return records ? synapseDigest(synapse, table, ctx, String(startMs * 1000)) : undefined;
    });
    const settled = digest.catch(() => {
      clean = false;
      return undefined;
    });
    digests.set(table, settled);
    previous = settled;
  }
  void previous.then(async () => {
    const reader = await opened.catch(() => undefined);
    if (reader) await snapshot.closeReader(reader.synapse, clean);
  });
  return digests;
}
