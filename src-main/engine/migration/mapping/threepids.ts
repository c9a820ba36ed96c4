import { userCreatedMs, userSkipReason } from './sql-fragments';
import { idScratch, msOrNull, type RowStage } from './stage';

/** The query's columns. */
const [userName, medium, address, addedAt, userCreated, reason] = [0, 1, 2, 3, 4, 5];
const email = Buffer.from('email');

/** user_threepids → user_emails, or user_unsupported_third_party_ids for any other medium (SPEC §5). */
export const threepidsStage: RowStage = {
  id: 'threepids',
  label: 'Third-party IDs',
  source: 'user_threepids',
  outputs: ['user_emails', 'user_unsupported_third_party_ids'],
  map(row, [emails, others], ctx) {
    const skip = row.text(reason);
    if (skip !== null) return skip;
    const added = msOrNull(row.int8(addedAt)) ?? ctx.startMs;
    const userId = ctx.ids.userOf(msOrNull(row.int8(userCreated)) ?? ctx.startMs, idScratch[0], row, userName);
    if (row.equals(medium, email)) {
      emails!.row(4);
      emails!.uuid(ctx.ids.fresh(added, idScratch[1]));
      emails!.uuid(userId);
      emails!.copyField(row, address);
      emails!.timestamp(added);
    } else {
      others!.row(4);
      others!.uuid(userId);
      others!.copyField(row, medium);
      others!.copyField(row, address);
      others!.timestamp(added);
    }
    return undefined;
  },
  sql: ({ serverSuffix: S }) => `
    SELECT t.user_id, t.medium, t.address, t.added_at::bigint, ${userCreatedMs('u')}, ${userSkipReason('t.user_id', 'u', S, false)}
    FROM user_threepids t LEFT JOIN users u ON u.name = t.user_id`,
};
