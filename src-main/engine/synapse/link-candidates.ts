import { columnMap, selectList } from '../../connect/postgres/column-map';
import { copyOut } from '../../connect/postgres/copy-out';
import { closeQuietly, connect, type DatabaseConnector } from '../../connect/postgres/pg-helpers';
import type { LinkCandidate } from '../directory/directory-links';
import { localpart, userCreatedMs, validUserId } from '../mapping/sql-fragments';

const columns = columnMap(['localpart', 'createdMs', 'guest', 'appservice', 'hasPassword', 'hasExternalId']);

/** The local users as SPEC §11's linking rule sees them, in one read (users with an external ID found by one hashed subquery, not per user). */
function linkCandidatesSql(serverSuffix: string): string {
  return `SELECT ${selectList(columns, {
    localpart: localpart('u.name', serverSuffix),
    createdMs: userCreatedMs('u'),
    guest: 'u.is_guest <> 0',
    appservice: 'u.appservice_id IS NOT NULL',
    hasPassword: 'u.password_hash IS NOT NULL',
    hasExternalId: 'u.name IN (SELECT e.user_id FROM user_external_ids e)',
  })}
  FROM users u WHERE ${validUserId('u.name', serverSuffix)} ORDER BY u.name`;
}

/**
 * Synapse's users, streamed for the directory checks (SPEC §11): one
 * ordered read on its own connection, a batch of rows per chunk received,
 * the connection closed once the stream ends or is left.
 */
export async function* readLinkCandidates(db: DatabaseConnector, serverName: string): AsyncGenerator<LinkCandidate> {
  const client = await connect('Synapse', db, 'directory check');
  try {
    const copy = copyOut(client, linkCandidatesSql(client.escapeLiteral(`:${serverName}`)));
    for (;;) {
      const batch: LinkCandidate[] = [];
      while (copy.next()) {
        const row = copy.row;
        batch.push({
          localpart: row.text(columns.localpart)!,
          createdAt: new Date(row.int8(columns.createdMs) ?? 0),
          guest: row.bool(columns.guest),
          appservice: row.bool(columns.appservice),
          hasPassword: row.bool(columns.hasPassword),
          hasExternalId: row.bool(columns.hasExternalId),
        });
      }
      yield* batch;
      if (!(await copy.more())) return;
    }
  } finally {
    await closeQuietly(client);
  }
}
