import bcrypt from 'bcryptjs';
import type { DatabaseRoute } from '../connect/postgres/database-route';
import { sandboxSampleLogins } from '../../src-shared/domain/sandbox-logins';

/** Low cost: generation stays fast, and the hashes are sample data. */
const sampleCost = 4;

/** As Synapse hashes a password: bcrypt of its NFKC form followed by the pepper. */
function synapseStyleHash(password: string, pepper: string): string {
  return bcrypt.hashSync(password.normalize('NFKC') + pepper, sampleCost);
}

/** Gives the sample logins (sandboxSampleLogins) real hashes with the sandbox's pepper; users not generated are left out. */
export async function setSamplePasswords(synapse: DatabaseRoute, serverName: string, pepper: string): Promise<void> {
  const client = await synapse.connect('mas-migrator-sandbox');
  try {
    for (const login of sandboxSampleLogins) {
      await client.query('UPDATE users SET password_hash = $1 WHERE name = $2', [
        synapseStyleHash(login.password, pepper),
        `@${login.localpart}:${serverName}`,
      ]);
    }
  } finally {
    await client.end();
  }
}
