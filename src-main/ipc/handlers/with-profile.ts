import type { Services } from '../context';
import type { MigrationSource } from '../../app/sources/migration-source';
import { usingSource } from '../../app/sources/migration-source';
import { openProfileSource } from '../../app/sources/profile-source';

/** Runs one operation on a stored profile as a source, closing its SSH sessions afterwards. */
export function withProfile<T>(services: Services, profileId: string, use: (source: MigrationSource) => Promise<T>): Promise<T> {
  return usingSource(() => openProfileSource(services.profiles.store, profileId, { env: services.env, tunnels: services.tunnels }), use);
}
