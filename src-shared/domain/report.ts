import { z } from 'zod';
import { Finding } from './finding';
import { VerificationResult } from './verification';

/** Why a Synapse row was not migrated (SPEC §5), with the words the report uses. */
export const skipReasonLabels: Record<string, string> = {
  'user-id-invalid': 'user ID is not @localpart:server_name',
  'user-missing': 'its user does not exist',
  'appservice-user': 'belongs to an application-service user',
  'user-deactivated': 'user is deactivated (no sessions)',
  'guest-user': 'user is a guest (no sessions)',
  'device-missing': 'its device does not exist',
  'device-hidden': 'its device is hidden',
  'guest-device': 'guest device',
  'puppet-token': 'puppet token',
  'no-access-token': 'no access token carries this refresh token',
  'successor-used': 'superseded: the next refresh token is already in use',
  'previous-mas-link': 'link left by an earlier MAS setup',
  'provider-unmapped': 'no MAS provider for its auth provider',
  'ldap-ambiguous': 'directory: more than one entry has this uid (not linked)',
  'ldap-id-missing': "directory: the user's entry has no value for the ID attribute (not linked)",
};

export const EntityReport = z.object({
  stage: z.string(),
  label: z.string(),
  migrated: z.number().int(),
  /** Skipped rows by reason code (see skipReasonLabels). */
  skipped: z.record(z.string(), z.number().int()),
});
export type EntityReport = z.infer<typeof EntityReport>;

/** The outcome of a migration or dry run. Holds counts and names, never a secret. */
export const MigrationReport = z.object({
  dryRun: z.boolean(),
  serverName: z.string(),
  masSchemaVersion: z.string().nullable(),
  /** An interrupted earlier run was continued (SPEC §4.6). */
  resumed: z.boolean(),
  startedAt: z.string(),
  durationMs: z.number(),
  entities: z.array(EntityReport),
  /** Rows written per MAS table. */
  rowsWritten: z.record(z.string(), z.number().int()),
  indexesRebuilt: z.number().int(),
  constraintsRebuilt: z.number().int(),
  /** Upstream provider ids (ULIDs from the MAS config) whose rows were inserted. */
  providersInserted: z.array(z.string()),
  invalidIps: z.number().int(),
  usersWithoutCreationTime: z.number().int(),
  /** What the checks found before the run (errors only in a dry run: a real run stops on them). */
  findings: z.array(Finding),
  /** `migrate --verify` (SPEC §10): the run's own rows compared with Synapse before the commit. */
  verification: VerificationResult.optional(),
});
export type MigrationReport = z.infer<typeof MigrationReport>;
