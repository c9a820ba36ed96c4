import type { CopyRow, CopyRows } from '../../connect/postgres/copy-binary';
import { type EntityStage, idScratch, type MappingContext, msOrNull } from './stage';
import { threepidColumns as t } from './user-streams';

const email = Buffer.from('email');

/** user_threepids → user_emails, or user_unsupported_third_party_ids for any other medium (SPEC §5). */
export const threepidsStage: EntityStage = {
  id: 'threepids',
  label: 'Third-party IDs',
  source: 'user_threepids',
  outputs: ['user_emails', 'user_unsupported_third_party_ids'],
};

/** A threepid (its row of the threepids stream) of the user `userId`, at its added_at. */
export function writeThreepid(row: CopyRow, userId: Uint8Array, [emails, others]: readonly CopyRows[], ctx: MappingContext): void {
  const added = msOrNull(row.int8(t.addedAt)) ?? ctx.startMs;
  if (row.equals(t.medium, email)) {
    emails!.row(4);
    emails!.uuid(ctx.ids.fresh(added, idScratch[1]));
    emails!.uuid(userId);
    emails!.copyField(row, t.address);
    emails!.timestamp(added);
  } else {
    others!.row(4);
    others!.uuid(userId);
    others!.copyField(row, t.medium);
    others!.copyField(row, t.address);
    others!.timestamp(added);
  }
}
