import { columnMap, selectList } from '../../connect/postgres/column-map';
import { localpart, userCreatedMs, validUserId } from './sql-fragments';
import { idScratch, msOrNull, type RowStage } from './stage';

/** users → MAS users and user_passwords (SPEC §5). The query's columns: */
const columns = columnMap([
  'name',
  'username',
  'createdMs',
  'noCreationTs',
  'admin',
  'guest',
  'deactivated',
  'locked',
  'passwordHash',
  'reason',
]);
const { name, username, createdMs, noCreationTs, admin, guest, deactivated, locked, passwordHash, reason } = columns;

export const usersStage: RowStage = {
  id: 'users',
  label: 'Users',
  source: 'users',
  outputs: ['users', 'user_passwords'],
  map(row, [users, passwords], ctx) {
    const skip = row.text(reason);
    if (skip !== null) return skip;
    const created = msOrNull(row.int8(createdMs)) ?? ctx.startMs;
    if (row.bool(noCreationTs)) ctx.notices.nullCreationTs++;
    const userId = ctx.ids.userOf(created, idScratch[0], row, name);
    users!.row(7);
    users!.uuid(userId);
    users!.copyField(row, username);
    users!.timestamp(created);
    users!.timestampOrNull(row.bool(locked) ? created : null);
    users!.timestampOrNull(row.bool(deactivated) ? created : null);
    users!.bool(row.bool(admin));
    users!.bool(row.bool(guest));
    if (!row.isNull(passwordHash)) {
      passwords!.row(6);
      passwords!.uuid(ctx.ids.fresh(created, idScratch[1]));
      passwords!.uuid(userId);
      passwords!.copyField(row, passwordHash);
      passwords!.timestamp(created);
      passwords!.int4(1);
      passwords!.null();
    }
    return undefined;
  },
  sql: ({ serverSuffix: S }) => `
    SELECT ${selectList(columns, {
      name: 'u.name',
      username: localpart('u.name', S),
      createdMs: userCreatedMs('u'),
      noCreationTs: 'u.creation_ts IS NULL',
      admin: 'u.admin <> 0',
      guest: 'u.is_guest <> 0',
      deactivated: 'u.deactivated <> 0',
      locked: 'u.locked',
      passwordHash: 'u.password_hash',
      reason: `CASE WHEN NOT ${validUserId('u.name', S)} THEN 'user-id-invalid' WHEN u.appservice_id IS NOT NULL THEN 'appservice-user' END`,
    })}
    FROM users u`,
};
