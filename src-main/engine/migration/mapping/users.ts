import { joinCopyLine } from '../copy-text';
import { localpart, userCreatedMs, validUserId } from './sql-fragments';
import { type EntityStage, iso, num } from './stage';

/** users → MAS users and user_passwords (SPEC §5). */
export const usersStage: EntityStage = {
  id: 'users',
  label: 'Users',
  source: 'users',
  outputs: ['users', 'user_passwords'],
  sql: (S) => `
    SELECT u.name, ${localpart('u.name', S)}, ${userCreatedMs('u')}, u.creation_ts IS NULL,
      u.admin <> 0, u.is_guest <> 0, u.deactivated <> 0, u.locked, u.password_hash,
      CASE WHEN NOT ${validUserId('u.name', S)} THEN 'user-id-invalid' WHEN u.appservice_id IS NOT NULL THEN 'appservice-user' END
    FROM users u`,
  map(row, out, ctx) {
    const [name, localpart, createdMs, noCreationTs, admin, guest, deactivated, locked, passwordHash, reason] = row;
    if (reason) return reason;
    const created = num(createdMs) ?? ctx.startMs;
    if (noCreationTs === 't') ctx.notices.nullCreationTs++;
    const createdAt = iso(created);
    const userId = ctx.ids.uuid('user', name!, created);
    out[0]!.push(
      joinCopyLine([
        userId,
        localpart,
        createdAt,
        locked === 't' ? createdAt : null,
        deactivated === 't' ? createdAt : null,
        admin === 't',
        guest === 't',
      ]),
    );
    if (passwordHash !== null) {
      out[1]!.push(joinCopyLine([ctx.ids.uuid('password', name!, created), userId, passwordHash, createdAt, 1, null]));
    }
    return undefined;
  },
};
