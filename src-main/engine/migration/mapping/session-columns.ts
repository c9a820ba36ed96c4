/**
 * Columns every row of the sessions query has after the stage index: the
 * device's key, why the row is skipped (NULL: migrated), and the facts the
 * ids need (the user's admin flag and created_at for a session of its own,
 * the device session's start). The columns after these are each stage's own
 * (see sessions-query.ts).
 */
export const sessionColumns = { userId: 1, deviceId: 2, reason: 3, admin: 4, userCreated: 5, sessionStart: 6 } as const;
