import type { CopyRow, CopyRows } from '../../connect/postgres/copy-binary';
import { idScratch, type EntityStage, type MappingContext } from './stage';
import { userColumns } from './user-streams';

const { username, noCreationTs, admin, guest, deactivated, locked, passwordHash } = userColumns;

/**
 * users → MAS users and user_passwords (SPEC §5). Its rows are the user
 * merge's listing stream (user-streams.ts), each mapped as the merge passes
 * it (user-merge.ts), so users is read once for the user and for its rows.
 */
export const usersStage: EntityStage = {
  id: 'users',
  label: 'Users',
  source: 'users',
  outputs: ['users', 'user_passwords'],
};

/** A migrated user's rows: `u` its row of the users stream, `userId` and `createdMs` as the merge derived them. */
export function writeUser(
  u: CopyRow,
  userId: Uint8Array,
  createdMs: number,
  [users, passwords]: readonly CopyRows[],
  ctx: MappingContext,
): void {
  if (u.bool(noCreationTs)) ctx.notices.nullCreationTs++;
  users!.row(7);
  users!.uuid(userId);
  users!.copyField(u, username);
  users!.timestamp(createdMs);
  users!.timestampOrNull(u.bool(locked) ? createdMs : null);
  users!.timestampOrNull(u.bool(deactivated) ? createdMs : null);
  users!.bool(u.bool(admin));
  users!.bool(u.bool(guest));
  if (!u.isNull(passwordHash)) {
    passwords!.row(6);
    passwords!.uuid(ctx.ids.fresh(createdMs, idScratch[1]));
    passwords!.uuid(userId);
    passwords!.copyField(u, passwordHash);
    passwords!.timestamp(createdMs);
    passwords!.int4(1);
    passwords!.null();
  }
}
