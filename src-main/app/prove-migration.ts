import type { GoLiveStep } from '../../src-shared/domain/go-live';
import type { VerificationResult } from '../../src-shared/domain/verification';
import { AppError, databaseOpenFailures } from '../../src-shared/errors';
import { type GoLiveInput, goLiveCheck } from '../engine/go-live/go-live-check';
import type { PasswordCheck } from '../../src-shared/domain/password-check';
import { checkPassword } from '../engine/passwords/check-password';
import { bcryptSchemeOne } from '../engine/passwords/password-scheme';
import { cannotCompare } from '../engine/verify/verification-result';
import { verifyMigration } from '../engine/verify/verify-migration';
import type { MigrationSource } from './sources/migration-source';

/** SPEC §10 verify: MAS compared row by row with what the source's Synapse says it must hold. Recorded in the history. */
export async function verifySource(source: MigrationSource, options: { signal?: AbortSignal } = {}): Promise<VerificationResult> {
  const result = await source
    .migrationSettings()
    .then((settings) => verifyMigration(settings, options))
    .catch((error: unknown) => {
      // A database that cannot be named or reached: nothing to compare (SPEC §10 exit 10), not bad input.
      if (error instanceof AppError && databaseOpenFailures.has(error.code))
        return cannotCompare(source.synapse.model.server_name, new Date(), error.toReply());
      throw error;
    });
  const tables = result.tables.filter((t) => t.differences.length > 0).map((t) => t.table);
  await source.record({
    kind: 'verify',
    outcome: result.outcome === 'match' ? 'ok' : result.outcome === 'differs' ? 'errors' : 'failed',
    summary:
      result.outcome === 'match'
        ? `MAS matches Synapse in all ${result.tables.length} tables`
        : result.outcome === 'differs'
          ? `MAS differs from Synapse in ${tables.join(', ')}`
          : `Could not compare: ${result.problem?.message ?? 'unknown reason'}`,
  });
  return result;
}

/** SPEC §10 check-password: whether MAS's password scheme 1 will accept this password for the user. The password goes nowhere else. */
export async function checkSourcePassword(source: MigrationSource, userId: string, password: string): Promise<PasswordCheck> {
  if (!source.mas)
    throw new AppError('no-usable-scheme', `No MAS config is named for ${source.label}.`, 'Generate and save the MAS config first.');
  const scheme = bcryptSchemeOne(source.mas);
  const settings = await source.migrationSettings();
  return checkPassword({
    userId,
    password,
    serverName: settings.serverName,
    scheme,
    synapsePepper: source.synapse.model.password_config?.pepper ?? undefined,
    synapseDatabase: settings.synapseDatabase,
  });
}

/** SPEC §10 go-live check, after the cutover; the access token is only ever sent to the homeserver's whoami. */
export function checkGoLive(input: GoLiveInput): Promise<GoLiveStep[]> {
  return goLiveCheck(input);
}
