import type pg from 'pg';
import { ulidToUuid } from '../mas/ulid-ids';

/** Who a provider's subject is linked to, and where that link was read. */
export interface SubjectLink {
  /** The Matrix user ID, or null when the subject is linked to nobody. */
  userId: string | null;
  /** Why it is linked to nobody, when the lookup can say more than "no link" (the directory's rule). */
  reason?: string;
}

/** Where a subject is looked up: Synapse before the migration, MAS after it (SPEC §12). */
export interface SubjectLookup {
  origin: 'synapse' | 'mas';
  find(subject: string): Promise<SubjectLink>;
}

/** Before the migration: Synapse's user_external_ids for the provider's synapse_idp_id (its auth_provider, SPEC §1.2). */
export function synapseSubjectLookup(client: pg.ClientBase, authProvider: string): SubjectLookup {
  return {
    origin: 'synapse',
    async find(subject) {
      const { rows } = await client.query<{ user_id: string }>(
        'SELECT user_id FROM user_external_ids WHERE auth_provider = $1 AND external_id = $2',
        [authProvider, subject],
      );
      return { userId: rows[0]?.user_id ?? null };
    },
  };
}

/**
 * After the migration: MAS's upstream_oauth_links for the provider (its ULID
 * is the row's uuid). A link still waiting for its user counts as nobody's.
 */
export function masSubjectLookup(client: pg.ClientBase, providerId: string, serverName: string): SubjectLookup {
  return {
    origin: 'mas',
    async find(subject) {
      const { rows } = await client.query<{ username: string | null }>(
        `SELECT u.username FROM upstream_oauth_links l LEFT JOIN users u ON u.user_id = l.user_id
          WHERE l.upstream_oauth_provider_id = $1 AND l.subject = $2`,
        [ulidToUuid(providerId), subject],
      );
      const username = rows[0]?.username;
      return { userId: username == null ? null : `@${username}:${serverName}` };
    },
  };
}

/** Two places a side keeps links for one provider (Synapse's rows, then the directory's rule): the first that names a user, else the second's answer. */
export function eitherLookup(first: SubjectLookup, second: SubjectLookup): SubjectLookup {
  return {
    origin: first.origin,
    async find(subject) {
      const link = await first.find(subject);
      return link.userId === null ? second.find(subject) : link;
    },
  };
}
