import { resolve } from 'node:path';
import type pg from 'pg';
import { expect } from 'vitest';
import { withClient } from '../../helpers/databases';
import { writeConfigFiles } from '../migration/config-files';
import { synapseAndMas } from '../migration/database-pair';

const _realMasSchema = resolve('../shared/reference/mas-database-schema.sql');

/** A Synapse database filled by `fill`, an empty MAS one, and the command-line options that point at both. */
export async function verifySetup(fill: (client: pg.Client) => Promise<unknown>) {
  const pair = await synapseAndMas(fill);
  const synapse = pair.synapse;
  const mas = pair.mas;
  const files = await writeConfigFiles(synapse, mas);
  return { synapse, mas, args: ['--config', files.masConfig, '--synapse-config', files.synapseConfig] };
}

export { cli } from '../../helpers/cli';

/** Every token, refresh token and password hash of the Synapse database: none may ever be printed. */
export async function synapseSecrets(synapse: string): Promise<string[]> {
  return withClient(synapse, async (c) => {
    const { rows } = await c.query<{ v: string }>(
      `SELECT token AS v FROM access_tokens UNION ALL SELECT token FROM refresh_tokens
       UNION ALL SELECT password_hash FROM users WHERE password_hash IS NOT NULL`,
    );
    return rows.map((r) => r.v);
  });
}

/** The config files' secrets (see writeConfigFiles) and the Synapse database's. */
export function expectNoSecrets(output: string, secrets: readonly string[]): void {
  for (const secret of [...secrets, 'google-secret', 'matrix-secret']) expect(output.includes(secret), 'a secret was printed').toBe(false);
}
