import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { scanDataNotices } from '../synapse/data-notices';
import { scanDataIntegrity } from '../synapse/integrity-scan';
import { inspectMasDatabase, type MasInspection } from '../mas/mas-inspection';
import { registrationTokenFindings } from '../synapse/registration-token-checks';
import { migrationRunningFinding, runningMigration } from './advisory-lock';
import { closeQuietly, connect, databaseLabel } from '../../connect/postgres/pg-helpers';
import { plural } from '../../../src-shared/text';
import type { MigrationSettings } from './migration-settings';
import { inspectSynapseDatabase } from '../synapse/synapse-inspection';
import { otherSynapseSessions, synapseConnectionsFinding } from '../synapse/synapse-sessions';

export type DatabaseCheckSettings = Pick<
  MigrationSettings,
  'serverName' | 'synapseDatabase' | 'masDatabase' | 'synapseProviders' | 'masProviders' | 'ignoreMissingAuthProviders'
>;

const previousMasProvider = 'oauth-delegated';

/** SPEC §2 database checks on the Synapse side: counts only, read-only. */
export async function checkSynapseData(
  client: pg.Client,
  settings: DatabaseCheckSettings,
  providerUsers: ProviderUsers[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const counts = (
    await client.query<{ guests: string; other_threepids: string }>(
      `SELECT (SELECT count(*) FROM users WHERE is_guest <> 0) AS guests, (SELECT count(*) FROM user_threepids WHERE medium <> 'email') AS other_threepids`,
    )
  ).rows[0]!;
  const guests = Number(counts.guests);
  if (guests > 0) {
    findings.push({
      id: 'guests-in-db',
      severity: 'warning',
      area: 'synapse-database',
      message: `${plural(guests, 'guest user')} in the Synapse users table; they are migrated as guests, which MAS does not support.`,
      fix: 'Acknowledge, or deactivate the guest accounts in Synapse before migrating.',
      source: 'users.is_guest',
      count: guests,
    });
  }
  const others = Number(counts.other_threepids);
  if (others > 0) {
    findings.push({
      id: 'non-email-threepids',
      severity: 'warning',
      area: 'synapse-database',
      message: `${plural(others, 'third-party ID')} with a medium other than email (e.g. phone numbers); MAS keeps them in user_unsupported_third_party_ids but does not use them.`,
      fix: 'Acknowledge; users with phone numbers should add an e-mail address in MAS.',
      source: 'user_threepids.medium',
      count: others,
    });
  }

  for (const { authProvider, users } of providerUsers) findings.push(...providerFindings(authProvider, users, settings));
  return findings;
}

/**
 * How many users each `auth_provider` of user_external_ids has (the Identity
 * providers screen shows them), but for the providers `except`. The distinct
 * pairs by a hash, then counted: count(DISTINCT) sorts every row and took
 * 2.5 times as long (measured).
 */
export async function providerUserCounts(client: pg.Client, except: readonly string[] = []): Promise<ProviderUsers[]> {
  const { rows } = await client.query<{ provider: string; users: string }>(
    `SELECT provider, count(*) AS users FROM (SELECT DISTINCT auth_provider AS provider, user_id FROM user_external_ids WHERE auth_provider <> ALL($1)) AS p
      GROUP BY provider ORDER BY provider`,
    [except],
  );
  return rows.map((r) => ({ authProvider: r.provider, users: Number(r.users) }));
}

/** The providers whose users need no finding: MAS has a provider for them (but for a previous MAS setup's). */
const mappedProviders = (settings: DatabaseCheckSettings) =>
  settings.masProviders.flatMap((p) => (p.synapseIdpId === undefined || p.synapseIdpId === previousMasProvider ? [] : [p.synapseIdpId]));

function providerFindings(provider: string, users: number, settings: DatabaseCheckSettings): Finding[] {
  const source = `user_external_ids.auth_provider = '${provider}'`;
  if (provider === previousMasProvider) {
    return [
      {
        id: 'previous-mas-links',
        severity: 'error',
        area: 'synapse-database',
        message: `${plural(users, 'user has', 'users have')} external IDs of provider "${previousMasProvider}", left by an earlier MAS setup.`,
        fix: `Run on the Synapse database: DELETE FROM user_external_ids WHERE auth_provider = '${previousMasProvider}';`,
        source,
        count: users,
      },
    ];
  }
  if (mappedProviders(settings).includes(provider)) return [];
  const inSynapse = settings.synapseProviders.find((p) => p.idpId === provider);
  if (inSynapse) {
    return [
      {
        id: 'provider-missing-in-mas',
        severity: 'error',
        area: 'synapse-database',
        message: `Synapse provider "${provider}"${inSynapse.issuer ? ` (issuer ${inSynapse.issuer})` : ''} is used by ${plural(users, 'user')} but no MAS upstream provider has synapse_idp_id "${provider}".`,
        fix: `Add a provider with synapse_idp_id: ${provider} to upstream_oauth2.providers in the MAS config (\`mas-cli config generate\` or this app's config editor can create it).`,
        source,
        count: users,
      },
    ];
  }
  const ignored = settings.ignoreMissingAuthProviders;
  return [
    {
      id: 'provider-unknown-to-synapse',
      severity: ignored ? 'warning' : 'error',
      area: 'synapse-database',
      message: `${plural(users, 'user has', 'users have')} external IDs of provider "${provider}", which matches no Synapse OIDC provider and no MAS provider's synapse_idp_id${ignored ? '; their links are skipped (--ignore-missing-auth-providers)' : ''}.`,
      fix: ignored
        ? 'Acknowledge: these users will not be able to log in through that provider in MAS.'
        : `Add a MAS upstream provider with synapse_idp_id: ${provider} (for SAML or CAS, e.g. through a bridge such as Dex), or rerun with --ignore-missing-auth-providers to skip these links.`,
      source,
      count: users,
    },
  ];
}

/**
 * Every Synapse database finding (the schema, the data checks, the integrity
 * scan and the notices), and the users per provider. Given a second
 * connection at the same snapshot, the notices scan and half of the
 * integrity scan run on it alongside the others (a migration's set-up waits
 * for both); on one connection, one query at a time. A run reads only what
 * its findings need: it has inspected the schema before locking, counts
 * only the users of providers MAS does not map, and leaves the devices'
 * IPs to its writer (device-ip-notice.ts), which reads every device anyway.
 */
async function synapseDatabaseReport(
  client: pg.Client,
  settings: DatabaseCheckSettings,
  use: 'check' | 'run',
  second: pg.Client = client,
): Promise<{ findings: Finding[]; providerUsers: ProviderUsers[] }> {
  if (use === 'check') {
    const schema = await inspectSynapseDatabase(client, databaseLabel(settings.synapseDatabase));
    if (schema.length) return { findings: schema, providerUsers: [] };
  }
  const providerUsers = await providerUserCounts(client, use === 'run' ? mappedProviders(settings) : []);
  const onFirst = async () => [
    ...(await checkSynapseData(client, settings, providerUsers)),
    ...(await scanDataIntegrity(client, settings.serverName, second)),
    ...(await registrationTokenFindings(client, databaseLabel(settings.synapseDatabase))),
  ];
  const notices = () => scanDataNotices(second, settings.serverName, use === 'check');
  const [first, last] = second === client ? [await onFirst(), await notices()] : await Promise.all([onFirst(), notices()]);
  return { findings: [...first, ...last], providerUsers };
}

/** A run's checks of Synapse, once its schema has passed (see synapseDatabaseReport). */
export async function checkSynapseDatabase(client: pg.Client, settings: DatabaseCheckSettings, second: pg.Client): Promise<Finding[]> {
  return (await synapseDatabaseReport(client, settings, 'run', second)).findings;
}

export interface ProviderUsers {
  authProvider: string;
  users: number;
}

export interface DatabaseCheckResult {
  findings: Finding[];
  mas: MasInspection;
  /** Users per `auth_provider` of user_external_ids; empty when the Synapse database could not be read as one. */
  providerUsers: ProviderUsers[];
}

/** `check`: both databases, read-only, Synapse at one snapshot (it may be running). */
export async function checkDatabases(settings: DatabaseCheckSettings): Promise<DatabaseCheckResult> {
  const synapse = await connect('Synapse', settings.synapseDatabase, 'check');
  let mas: pg.Client | undefined;
  try {
    mas = await connect('MAS', settings.masDatabase, 'check');
    await synapse.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await mas.query('BEGIN READ ONLY');
    const { findings: synapseFindings, providerUsers } = await synapseDatabaseReport(synapse, settings, 'check');
    const sessions = synapseConnectionsFinding(await otherSynapseSessions(synapse, []), 'check', false);
    if (sessions) synapseFindings.push(sessions);
    const inspection = await inspectMasDatabase(mas, databaseLabel(settings.masDatabase));
    const running = await runningMigration(mas);
    // Mid-run the tables are renamed as after an interruption: say what is really going on.
    const masFindings = running
      ? [
          migrationRunningFinding(running, databaseLabel(settings.masDatabase)),
          ...inspection.findings.filter((f) => f.id !== 'mas-resumable'),
        ]
      : inspection.findings;
    return { findings: [...synapseFindings, ...masFindings, ...schemaVersionInfo(inspection)], mas: inspection, providerUsers };
  } finally {
    await closeQuietly(synapse);
    await closeQuietly(mas);
  }
}

export function schemaVersionInfo(inspection: MasInspection): Finding[] {
  if (inspection.schemaVersion === null) return [];
  return [
    {
      id: 'mas-schema-version',
      severity: 'info',
      area: 'mas-database',
      message: `The MAS database schema is at migration ${inspection.schemaVersion}.`,
      fix: 'Nothing to do.',
      source: '_sqlx_migrations',
    },
  ];
}
