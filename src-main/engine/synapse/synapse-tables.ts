import type { SynapseTable } from '../../../src-shared/domain/migration-tables';

export { type SynapseTable, synapseTables } from '../../../src-shared/domain/migration-tables';

/** The columns the migration needs of each Synapse table it reads (SPEC §4.1). */
export const synapseTableColumns: Record<SynapseTable, readonly string[]> = {
  users: ['name', 'password_hash', 'creation_ts', 'admin', 'is_guest', 'appservice_id', 'deactivated', 'locked'],
  user_threepids: ['user_id', 'medium', 'address', 'added_at'],
  user_external_ids: ['auth_provider', 'external_id', 'user_id'],
  devices: ['user_id', 'device_id', 'display_name', 'last_seen', 'ip', 'user_agent', 'hidden'],
  access_tokens: ['id', 'user_id', 'device_id', 'token', 'valid_until_ms', 'puppets_user_id', 'last_validated', 'refresh_token_id', 'used'],
  refresh_tokens: ['id', 'user_id', 'device_id', 'token', 'next_token_id'],
};
