import { userCreatedMs, userSkipReason } from './sql-fragments';
import { idScratch, msOrNull, type RowStage } from './stage';

/** The query's columns. */
const [userName, provider, subject, userCreated, reason] = [0, 1, 2, 3, 4];

/** user_external_ids → upstream_oauth_links on the MAS provider with that synapse_idp_id (SPEC §5). */
export const externalIdsStage: RowStage = {
  id: 'external-ids',
  label: 'External IDs',
  source: 'user_external_ids',
  outputs: ['upstream_oauth_links'],
  map(row, [links], ctx) {
    const skip = row.text(reason);
    if (skip !== null) return skip;
    const providerId = row.text(provider)!;
    if (providerId === 'oauth-delegated') return 'previous-mas-link';
    const providerUuid = ctx.providerUuids.get(providerId);
    if (providerUuid === undefined) return 'provider-unmapped';
    const created = msOrNull(row.int8(userCreated)) ?? ctx.startMs;
    links!.row(6);
    links!.uuid(ctx.ids.fresh(created, idScratch[0]));
    links!.uuid(providerUuid);
    links!.uuid(ctx.ids.userOf(created, idScratch[1], row, userName));
    links!.copyField(row, subject);
    links!.timestamp(created);
    links!.null();
    return undefined;
  },
  sql: ({ serverSuffix: S }) => `
    SELECT e.user_id, e.auth_provider, e.external_id, ${userCreatedMs('u')}, ${userSkipReason('e.user_id', 'u', S, false)}
    FROM user_external_ids e LEFT JOIN users u ON u.name = e.user_id`,
};
