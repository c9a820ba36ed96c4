import { readFile, stat } from 'node:fs/promises';

/** What a password-file line is matched against (libpq: `hostname:port:database:username:password`). */
export interface PassfileKey {
  host: string;
  port: number;
  database: string;
  user: string;
}

export type PassfileLookup =
  | { found: true; password: string }
  | { found: false; reason: 'absent' | 'no-match' }
  /** libpq ignores a password file others may read, with a warning. */
  | { found: false; reason: 'insecure' };

/** Splits a line at unescaped colons, undoing `\:` and `\\`. */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) current += line[++i];
    else if (c === ':') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/**
 * The password libpq would take from a password file (`~/.pgpass` or
 * PGPASSFILE): the first line whose fields match, `*` matching anything; a
 * Unix-socket connection matches the host name `localhost`, as in libpq.
 */
export async function lookupPassfile(file: string, key: PassfileKey): Promise<PassfileLookup> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { found: false, reason: 'absent' };
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) return { found: false, reason: 'insecure' };
    text = await readFile(file, 'utf8');
  } catch {
    return { found: false, reason: 'absent' };
  }
  const host = key.host.startsWith('/') ? 'localhost' : key.host;
  const wanted = [host, String(key.port), key.database, key.user];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const parts = fields(line);
    if (parts.length < 5) continue;
    if (wanted.every((value, i) => parts[i] === '*' || parts[i] === value)) return { found: true, password: parts.slice(4).join(':') };
  }
  return { found: false, reason: 'no-match' };
}
