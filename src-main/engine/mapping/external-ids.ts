import type { CopyRow, CopyRows } from '../../connect/postgres/copy-binary';
import { type EntityStage, idScratch, type MappingContext } from './stage';
import { externalIdColumns as e } from './user-streams';

/** user_external_ids → upstream_oauth_links on the MAS provider with that synapse_idp_id (SPEC §5). */
export const externalIdsStage: EntityStage = {
  id: 'external-ids',
  label: 'External IDs',
  source: 'user_external_ids',
  outputs: ['upstream_oauth_links'],
};

/** The MAS provider of an external ID (its row of the external IDs stream), or why the link is skipped. */
export function linkProvider(row: CopyRow, ctx: MappingContext): Uint8Array | 'previous-mas-link' | 'provider-unmapped' {
  const providerId = row.text(e.provider)!;
  if (providerId === 'oauth-delegated') return 'previous-mas-link';
  return ctx.providerUuids.get(providerId) ?? 'provider-unmapped';
}

/** A link of the user `userId` on `provider`, created when the user was. */
export function writeLink(
  row: CopyRow,
  provider: Uint8Array,
  userId: Uint8Array,
  createdMs: number,
  [links]: readonly CopyRows[],
  ctx: MappingContext,
): void {
  links!.row(6);
  links!.uuid(ctx.ids.fresh(createdMs, idScratch[1]));
  links!.uuid(provider);
  links!.uuid(userId);
  links!.copyField(row, e.subject);
  links!.timestamp(createdMs);
  links!.null(); // human_account_name
}
