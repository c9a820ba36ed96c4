import type { DatabaseRoute } from '../connect/postgres/database-route';

/** A sample user who can sign in at the sandbox's OpenID provider: its `sub` is the external ID Synapse stored. */
export interface SandboxAccount {
  sub: string;
  userId: string;
  localpart: string;
  email: string | undefined;
}

/** The idp_id of the sandbox's OpenID provider in homeserver.yaml; Synapse stores its links as `oidc-<idp_id>`. */
export const sandboxIdpId = 'google';

/** How many sample users the sign-in page offers. */
const shown = 3;

/**
 * The first sample users Synapse links to the sandbox's provider
 * (`oidc-google`) whose login would land on an account: not guests, not an
 * application service's, not deactivated, not locked. Read after the sample
 * data is generated, so the accounts are that data's.
 */
export async function sandboxAccounts(synapse: DatabaseRoute, serverName: string): Promise<SandboxAccount[]> {
  const client = await synapse.connect('mas-migrator-sandbox');
  try {
    const { rows } = await client.query<{ sub: string; user_id: string; email: string | null }>(
      `SELECT e.external_id AS sub, e.user_id,
              (SELECT min(t.address) FROM user_threepids t WHERE t.user_id = u.name AND t.medium = 'email') AS email
         FROM user_external_ids e JOIN users u ON u.name = e.user_id
        WHERE e.auth_provider = $1 AND u.is_guest = 0 AND u.appservice_id IS NULL AND u.deactivated = 0 AND NOT u.locked
        ORDER BY u.creation_ts, u.name LIMIT ${shown}`,
      [`oidc-${sandboxIdpId}`],
    );
    const suffix = `:${serverName}`;
    return rows.map((r) => ({ sub: r.sub, userId: r.user_id, localpart: r.user_id.slice(1, -suffix.length), email: r.email ?? undefined }));
  } finally {
    await client.end();
  }
}
