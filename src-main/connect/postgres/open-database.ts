import type { SshSession } from '../ssh/ssh-session';
import { type DatabaseRoute, openDatabaseRoute } from './database-route';
import { type ResolveContext, resolveTarget } from './database-target';
import type { LibpqSettings } from './libpq-settings';

/**
 * The one way from settings to connections (DESIGN "one way to a
 * database"): libpq's rules fill in what the settings leave out, then a
 * route opens connections, directly or through the side's SSH session.
 */
export async function openDatabase(settings: LibpqSettings, context: ResolveContext & { ssh?: SshSession }): Promise<DatabaseRoute> {
  const target = await resolveTarget(settings, context);
  return openDatabaseRoute({ target, ...(context.ssh ? { ssh: context.ssh } : {}) });
}
