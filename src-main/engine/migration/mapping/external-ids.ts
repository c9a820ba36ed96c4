import { joinCopyLine, unescapeCopyField } from '../copy-text';
import { userCreatedMs, userSkipReason } from './sql-fragments';
import { type EntityStage, iso, num } from './stage';

/** user_external_ids → upstream_oauth_links on the MAS provider with that synapse_idp_id (SPEC §5). */
export const externalIdsStage: EntityStage = {
  id: 'external-ids',
  label: 'External IDs',
  source: 'user_external_ids',
  outputs: ['upstream_oauth_links'],
  sql: (S) => `
    SELECT e.user_id, e.auth_provider, e.external_id, ${userCreatedMs('u')}, ${userSkipReason('e.user_id', 'u', S, false)}
    FROM user_external_ids e LEFT JOIN users u ON u.name = e.user_id`,
  map(row, out, ctx) {
    const [userName, provider, subject, userCreated, reason] = row;
    if (reason) return reason;
    const providerId = unescapeCopyField(provider!);
    if (providerId === 'oauth-delegated') return 'previous-mas-link';
    const providerUuid = ctx.providerUuids.get(providerId);
    if (providerUuid === undefined) return 'provider-unmapped';
    const created = num(userCreated) ?? ctx.startMs;
    const userId = ctx.ids.uuid('user', userName!, created);
    out[0]!.push(
      joinCopyLine([ctx.ids.uuid('link', `${provider}\0${subject}`, created), providerUuid, userId, subject, iso(created), null]),
    );
    return undefined;
  },
};
