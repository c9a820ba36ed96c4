import type { CheckResult } from '../../src-shared/contract/checks';
import type { Finding } from '../../src-shared/domain/finding';
import type { HistoryEntry } from '../../src-shared/domain/profile';
import { AppError } from '../../src-shared/errors';
import { plural } from '../../src-shared/text';
import { checkConfigs } from '../engine/config/config-checks';
import { pairProviders } from '../engine/config/providers';
import { checkDatabases } from '../engine/run/database-checks';
import type { MigrationSource } from './sources/migration-source';
import { checkDirectory } from '../engine/directory/check-directory';
import type { MigrationSettings } from '../engine/run/migration-settings';
import { readLinkCandidates } from '../engine/synapse/link-candidates';

/** The configuration checks of a source (SPEC §2), as `check`, the Checks screen and `migrate` all run them. */
export function sourceConfigFindings(source: MigrationSource): Finding[] {
  return checkConfigs(source.synapse, source.mas, {
    synapseDatabaseOverridden: source.synapseDatabaseOverridden,
    ignoreMissingAuthProviders: source.ignoreMissingAuthProviders,
  });
}

/** SPEC §2: a database check that could not run is an error, never a pass. */
export function unreachableFinding(error: AppError): Finding {
  return {
    id: 'database-unreachable',
    severity: 'error',
    area: 'connection',
    message: `The database checks could not run: ${error.message}`,
    fix: error.hint ?? 'Check the database settings.',
    code: error.code,
  };
}

function skippedFinding(error: AppError): Finding {
  return {
    id: 'database-checks-skipped',
    severity: 'info',
    area: 'connection',
    message: 'The database checks did not run: the config error above leaves no database to check.',
    fix: 'Fix that error, then check again.',
    code: error.code,
  };
}

/**
 * Check a source: both configs, then (once there is a MAS config) both
 * databases, read-only, so Synapse may be running. Recorded in the source's history.
 */
export async function checkSource(source: MigrationSource): Promise<CheckResult> {
  const configFindings = sourceConfigFindings(source);
  const result = await databaseChecks(source, configFindings);
  await source.record({ kind: 'check', ...historyOf(result.findings) });
  return result;
}

async function databaseChecks(source: MigrationSource, configFindings: Finding[]): Promise<CheckResult> {
  const base = {
    providers: pairProviders(source.synapse, source.mas),
    masSchemaVersion: null,
    masState: 'fresh' as const,
    providerUsers: [],
  };
  if (!source.mas) return { ...base, findings: configFindings, databasesChecked: false };
  try {
    const settings = await source.migrationSettings();
    const databases = await checkDatabases(settings);
    return {
      ...base,
      findings: [...configFindings, ...databases.findings, ...(await directoryFindings(settings))],
      databasesChecked: true,
      masSchemaVersion: databases.mas.schemaVersion,
      masState: databases.mas.state,
      providerUsers: databases.providerUsers,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // A config error already says why its database section cannot be used: one error for it is enough.
    const reported = configFindings.some((f) => f.id === error.code);
    return {
      ...base,
      findings: [...configFindings, reported ? skippedFinding(error) : unreachableFinding(error)],
      databasesChecked: false,
    };
  }
}

/** SPEC §11: the directory read and Synapse's users matched against it, when Synapse has the LDAP module. */
function directoryFindings(settings: MigrationSettings): Promise<Finding[]> | Finding[] {
  const { directory } = settings;
  if (!directory) return [];
  return checkDirectory({
    directory,
    idAttribute: settings.ldapIdAttribute,
    users: () => readLinkCandidates(settings.synapseDatabase, settings.serverName),
  });
}

function historyOf(findings: readonly Finding[]): Pick<HistoryEntry, 'outcome' | 'summary'> {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return {
    outcome: errors ? 'errors' : warnings ? 'warnings' : 'ok',
    summary: `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  };
}
