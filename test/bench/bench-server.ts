import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startLocalPostgres } from '../../src-main/connect/embedded-postgres';
import { sameServerDatabase, withClient } from '../helpers/pg-clients';

/**
 * Server settings for bulk loads. Migration and floor run on the same server
 * in the same run, so both get them; none changes what a transaction sees.
 */
export const bulkLoadSettings: Record<string, string> = {
  shared_buffers: '1GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  synchronous_commit: 'off',
  autovacuum: 'off',
};

export interface BenchServer {
  /** True when the bench started its own server (TEST_PG_URL unset). */
  embedded: boolean;
  /** The embedded server's data folder: its processes' CPU time is read through /proc (see server-cpu.ts). */
  dataDir?: string;
  /** A new empty database on this server: its URI. `synapse` is created as Synapse's documentation says (UTF8, C collation). */
  create(kind: 'synapse' | 'mas' | 'floor'): Promise<string>;
  /** Drops one database created here (a repeat's, once measured: the disk holds one run's at a time). */
  drop(url: string): Promise<void>;
  /** Drops the databases created (unless kept) and stops an embedded server. */
  close(keep: boolean): Promise<void>;
}

/** TEST_PG_URL when set (its settings are the caller's), else a throwaway server with bulkLoadSettings. */
export async function openBenchServer(): Promise<BenchServer> {
  const given = process.env.TEST_PG_URL;
  const local = given ? undefined : await startLocalPostgres({ settings: bulkLoadSettings });
  const serverUrl = given ?? local!.url;
  const admin = (sql: string) => withClient(serverUrl, (c) => c.query(sql));
  let created: string[] = [];
  let made = 0;
  const suffix = randomBytes(3).toString('hex');
  return {
    embedded: local !== undefined,
    ...(local ? { dataDir: join(local.dataDir, 'data') } : {}),
    async create(kind) {
      const name = `bench_${kind}_${suffix}${made++ ? `_${made}` : ''}`;
      await admin(`CREATE DATABASE ${name}${kind === 'synapse' ? " ENCODING 'UTF8' LOCALE 'C' TEMPLATE template0" : ''}`);
      created.push(name);
      return sameServerDatabase(serverUrl, name);
    },
    async drop(url) {
      const name = new URL(url).pathname.slice(1);
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      created = created.filter((n) => n !== name);
    },
    async close(keep) {
      if (!keep) for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await local?.stop();
    },
  };
}
