import { afterAll, beforeAll } from 'vitest';
import { databaseWithSchema, serverUrl, withClient } from './databases';
import { startSshd, type TestSshd } from './sshd';

/** What a describe block reached over SSH works with; filled in by its first beforeAll. */
export interface SshdDatabases {
  sshd: TestSshd;
  /** The suite's PostgreSQL port, as the SSH server sees it (both on this machine). */
  port: number;
  synapseUrl: string;
  masUrl: string;
  /** The two databases' names. */
  synapseDb: string;
  masDb: string;
}

/**
 * The set-up of a describe block whose profile goes through a real sshd to
 * PostgreSQL: the sshd, a login role with a password (as a real server's
 * would have), and a Synapse and a MAS database with their schemas; the
 * sshd stopped and the role dropped afterwards. Call it inside `describe`,
 * before the block's own hooks.
 */
export function sshdWithDatabases(login: { role: string; password: string }): SshdDatabases {
  const set = {} as SshdDatabases;
  beforeAll(async () => {
    set.sshd = await startSshd();
    await withClient(serverUrl(), (c) => c.query(`CREATE ROLE ${login.role} LOGIN SUPERUSER PASSWORD '${login.password}'`));
    set.port = Number(new URL(serverUrl()).port);
    set.synapseUrl = await databaseWithSchema('synapse');
    set.masUrl = await databaseWithSchema('mas');
    set.synapseDb = new URL(set.synapseUrl).pathname.slice(1);
    set.masDb = new URL(set.masUrl).pathname.slice(1);
  });
  afterAll(async () => {
    await set.sshd?.stop();
    await withClient(serverUrl(), (c) => c.query(`DROP ROLE IF EXISTS ${login.role}`));
  });
  return set;
}
