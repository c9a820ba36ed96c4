import { joinCopyLine } from '../copy-text';
import { userCreatedMs, userSkipReason } from './sql-fragments';
import { type EntityStage, iso, num, userUuid } from './stage';

/** user_threepids → user_emails, or user_unsupported_third_party_ids for any other medium (SPEC §5). */
export const threepidsStage: EntityStage = {
  id: 'threepids',
  label: 'Third-party IDs',
  source: 'user_threepids',
  outputs: ['user_emails', 'user_unsupported_third_party_ids'],
  sql: (S) => `
    SELECT t.user_id, t.medium, t.address, t.added_at, ${userCreatedMs('u')}, ${userSkipReason('t.user_id', 'u', S, false)}
    FROM user_threepids t LEFT JOIN users u ON u.name = t.user_id`,
  map(row, out, ctx) {
    const [userName, medium, address, addedAt, userCreated, reason] = row;
    if (reason) return reason;
    const added = num(addedAt) ?? ctx.startMs;
    const userId = userUuid(ctx, userName!, userCreated);
    if (medium === 'email') {
      out[0]!.push(joinCopyLine([ctx.ids.uuid('email', `${medium}\0${address}`, added), userId, address, iso(added)]));
    } else {
      out[1]!.push(joinCopyLine([userId, medium, address, iso(added)]));
    }
    return undefined;
  },
};
