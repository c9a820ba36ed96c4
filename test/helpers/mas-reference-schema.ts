import { readFile } from 'node:fs/promises';
import { reference } from '../unit/config/fixtures';
import { freshDatabase, withClient } from './databases';

/**
 * A new database holding MAS's real schema (../shared/reference/mas-database-schema.sql,
 * what `mas-cli database migrate` creates), for tests that must match MAS column by column.
 */
export async function databaseWithMasReferenceSchema(): Promise<string> {
  const url = await freshDatabase('masref');
  const sql = await readFile(reference('mas-database-schema.sql'), 'utf8');
  // The dump empties search_path for its own session only; this connection ends with it.
  await withClient(url, (client) => client.query(sql));
  return url;
}
