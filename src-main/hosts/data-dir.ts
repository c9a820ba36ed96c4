import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the CLI and the web host keep profiles when no folder is given: the same folder as Electron's user data for this app. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'MAS Migrator');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'MAS Migrator');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'MAS Migrator');
}
