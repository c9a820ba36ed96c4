import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import type { MigrationReport } from '../../../src-shared/domain/report';
import { ChecksFailedError } from '../../../src-shared/domain/checks-failed';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { verifyInRun } from '../verify/verify-in-run';
import { startSynapseDigests } from '../verify/synapse-digests';
import { SessionDigestTap } from '../verify/session-digest-tap';
import {
  dropRebuiltIndexes,
  loadPausedSchema,
  pauseConstraints,
  planSteps,
  type RebuildPlan,
  type RebuildStep,
  rebuildMaintenanceWorkMem,
  rebuildPlan,
  truncatePausedTables,
  unpauseTables,
} from '../mas/constraint-pause';
import { checkSynapseDatabase } from './database-checks';
import { type PlanOutcome, runStagePlan, type StageCounts } from './run-stage-plan';
import { type RunPlans, runPlans, stagePlans } from '../mapping';
import { type MappingContext, noNotices, type StagePlan } from '../mapping/stage';
import { inspectMasDatabase } from '../mas/mas-inspection';
import { type MasTable, pausedName } from '../mas/mas-tables';
import { WriterPool } from '../mas/writer-pool';
import { closeQuietly, connect, databaseLabel, quoteIdent } from '../../connect/postgres/pg-helpers';
import { releaseAdvisoryLock, takeAdvisoryLock } from './advisory-lock';
import { ProgressTracker } from './progress-tracker';
import { ensureProviderRows } from '../mas/provider-rows';
import { buildReport } from './build-report';
import type { MigrationSettings } from './migration-settings';
import { runFailure } from './run-failure';
import { type RunOptions, settingsForRun } from './run-options';
import { runRebuildStep, unpaused } from './rebuild-step';
import { inspectSynapseDatabase } from '../synapse/synapse-inspection';
import { otherSynapseSessions, synapseConnectionsFinding } from '../synapse/synapse-sessions';
import { hasSynapseTable } from '../synapse/synapse-optional-tables';
import { SynapseSnapshot } from '../synapse/synapse-snapshot';
import { keysSortBytewise, sqlContext } from '../synapse/sql-context';
import { IdMinter, ulidToUuid, uuidBytes } from '../mas/ulid-ids';
import type { DirectoryIndex } from '../directory/directory-links';
import { ldapIdpId } from '../directory/mas-ldap-provider';
import { DirectoryLinker } from '../mapping/directory-linker';
import { streamSql } from '../mapping/user-streams';
import { markSharedEntries, startDirectoryRead } from './run-directory';

/** Findings that stop even a dry run: the MAS side cannot be written or the Synapse side cannot be read. */
const blocksDryRun = new Set(['mas-not-mas', 'mas-not-empty', 'mas-partial-state', 'synapse-not-synapse']);

/** The connections of one run, closed together whatever happens. */
interface Connections {
  control?: pg.Client;
  snapshot?: SynapseSnapshot;
  pool?: WriterPool;
}

/** What setting up found and prepared. */
interface Prepared {
  findings: Finding[];
  masSchemaVersion: string | null;
  resumed: boolean;
  /** The MAS tables this run writes, and what it migrates into them (SPEC §3: an older MAS lacks some). */
  tables: MasTable[];
  run: RunPlans;
  plan: RebuildPlan;
  /** The progress stage of each rebuild step. */
  stepIds: Map<RebuildStep, string>;
  rebuilt: { indexes: number; constraints: number };
  providersInserted: string[];
  /** SPEC §11: the directory read for the links, when there are links to write. */
  directory: DirectoryIndex | undefined;
}

/**
 * A full run (SPEC §4): lock, check, pause MAS constraints, stream every
 * entity stage concurrently through the writer pool, commit, rebuild, and
 * give the tables back. On failure or cancel, the MAS database is untouched
 * or resumable, and the error says which.
 */
export async function runMigration(sourceSettings: MigrationSettings, options: RunOptions = {}): Promise<MigrationReport> {
  const settings = settingsForRun(sourceSettings, options);
  const started = new Date();
  const tracker = new ProgressTracker(settings.dryRun, options.onProgress ?? (() => {}));
  tracker.add({ id: 'setup', kind: 'setup', label: 'Setting up' });
  const internal = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  const conns: Connections = {};
  let paused = false;
  const closeAll = () => Promise.all([closeQuietly(conns.control), conns.snapshot?.close(), conns.pool?.close()]);
  // Closing the connections is how a cancel stops PostgreSQL mid-statement: open transactions roll back.
  const onAbort = () => void closeAll();
  signal.addEventListener('abort', onAbort, { once: true });
  // The writers connect while the run sets up (nothing is written before the checks pass): it waits for none of them.
  const poolOpening = WriterPool.open(settings.masDatabase, Math.max(settings.writers, ...stagePlans.map(tablesOf)));
  poolOpening.then(
    (pool) => {
      conns.pool = pool;
      if (signal.aborted) void pool.close();
    },
    () => {}, // awaited by the entity stages, which report it
  );

  try {
    tracker.start('setup');
    signal.throwIfAborted();
    const directory = startDirectoryRead(settings);
    const prepared = await setUp(settings, conns, tracker, signal, options.configFindings ?? [], directory, () => {
      paused = true;
    });
    options.onFindings?.(prepared.findings);
    await poolOpening; // sets conns.pool
    // migrate --verify: Synapse's half of the digests is computed while the run goes on: the session side's from the
    // rows the entity stages read (session-digest-tap.ts), the others' on a reader of their own (synapse-digests.ts).
    const snapshot = conns.snapshot!;
    const tap = options.verify
      ? new SessionDigestTap(
          String(started.getTime() * 1000),
          settings.serverName,
          streamSql(snapshot.client.escapeLiteral(`:${settings.serverName}`)),
        )
      : undefined;
    const entities = migrateEntities(settings, conns, prepared, tracker, signal, internal, started.getTime(), tap);
    const sessionDigests = tap?.digestsAfter(entities, snapshot);
    const { counts, written, notices } = await entities;
    let verification: VerificationResult | undefined;
    const synapseDigests =
      sessionDigests && new Map([...sessionDigests, ...startSynapseDigests(snapshot, settings, prepared.tables, started.getTime())]);
    const verify = async (committed: boolean) => {
      verification = await verifyInRun({
        control: conns.control!,
        committed,
        snapshot,
        settings,
        startMs: started.getTime(),
        tracker,
        signal,
        ...(synapseDigests ? { synapseDigests } : {}),
      });
    };
    // A dry run proves its rows before emptying them again; a real run right after its commit (verify-in-run.ts).
    await finish(conns.control!, prepared, tracker, settings.dryRun, options.verify && settings.dryRun ? () => verify(false) : undefined);
    // Committed: from here nothing may fail the run (closing the session releases the lock anyway).
    if (options.verify && !settings.dryRun) await verify(true);
    await releaseAdvisoryLock(conns.control!);
    await snapshot.close();
    tracker.phase('done');
    // A real run only gets here without errors; a dry run reports the errors a real run would stop on.
    const report = buildReport({ settings, started, counts, written, notices, stages: prepared.run.stages, ...prepared });
    return { ...report, ...(verification ? { verification } : {}) };
  } catch (error) {
    // The first stage failure is the cause; the others only saw their connections closed.
    throw runFailure(internal.signal.aborted ? internal.signal.reason : error, options.signal?.aborted === true, paused);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await Promise.allSettled([poolOpening]); // so that closing finds the writers, however far set-up got
    await closeAll();
  }
}

/** SPEC §4.1, §4.2, §4.5, §4.6: lock both sides, check, insert provider rows, and pause (or resume) the MAS tables. */
async function setUp(
  settings: MigrationSettings,
  conns: Connections,
  tracker: ProgressTracker,
  signal: AbortSignal,
  configFindings: Finding[],
  reading: Promise<DirectoryIndex> | undefined,
  onPaused: () => void,
): Promise<Prepared> {
  const control = await connect('MAS', settings.masDatabase, 'control');
  conns.control = control;
  await takeAdvisoryLock(control);
  const mas = await inspectMasDatabase(control, databaseLabel(settings.masDatabase));
  // The Synapse schema is checked before locking (LOCK on a missing table would only say "relation does not exist"),
  // on the connection that then holds the snapshot.
  const synapse = await connect('Synapse', settings.synapseDatabase, 'reader');
  let synapseHasTokens: boolean;
  try {
    const synapseSchema = await inspectSynapseDatabase(synapse, databaseLabel(settings.synapseDatabase));
    if (synapseSchema.length || mas.findings.some((f) => blocksDryRun.has(f.id)))
      throw new ChecksFailedError([...configFindings, ...synapseSchema, ...mas.findings]);
    synapseHasTokens = await hasSynapseTable(synapse, 'registration_tokens');
  } catch (error) {
    await closeQuietly(synapse);
    throw error;
  }
  const snapshot = await SynapseSnapshot.on(
    synapse,
    settings.synapseDatabase,
    settings.dryRun ? 'ACCESS SHARE' : 'EXCLUSIVE',
    synapseHasTokens ? ['registration_tokens'] : [],
    signal,
  );
  conns.snapshot = snapshot;
  const second = await snapshot.openReader();
  const synapseFindings = await checkSynapseDatabase(snapshot.client, settings, second);
  await snapshot.closeReader(second, true);
  const sessions = await otherSynapseSessions(snapshot.client, snapshot.pids);
  const sessionsFinding = synapseConnectionsFinding(sessions, settings.dryRun ? 'dry-run' : 'real', settings.allowSynapseConnections);
  if (sessionsFinding) synapseFindings.push(sessionsFinding);
  const findings = [...configFindings, ...synapseFindings, ...mas.findings];
  if (findings.some((f) => f.severity === 'error' && (!settings.dryRun || blocksDryRun.has(f.id)))) throw new ChecksFailedError(findings);

  const run = runPlans(mas.tables, synapseHasTokens);
  const estimates = await snapshot.estimates();
  for (const stage of run.stages)
    tracker.add({ id: stage.id, kind: 'entity', label: stage.label, estimatedTotal: estimates[stage.source] });
  // The directory must be read before MAS is written to: a directory that cannot be read leaves MAS untouched.
  const directory = await reading;
  if (directory) await markSharedEntries(snapshot.client, directory, settings.serverName);
  const providersInserted = await ensureProviderRows(control, settings.masProviders, settings.encryptionKeyHex);

  await control.query('BEGIN');
  const resumed = mas.state === 'resumable';
  if (resumed) {
    await truncatePausedTables(control, mas.tables);
    await dropRebuiltIndexes(control, mas.tables);
  }
  const schema = resumed ? await loadPausedSchema(control) : await pauseConstraints(control, mas.tables);
  await control.query('COMMIT');
  onPaused();
  const plan = rebuildPlan(schema);
  const stepIds = new Map<RebuildStep, string>();
  for (const [i, step] of planSteps(plan).entries()) {
    stepIds.set(step, `rebuild-${i}`);
    tracker.add({ id: `rebuild-${i}`, kind: step.kind, label: `Rebuilding ${step.kind} ${step.name} on ${unpaused(step.table)}` });
  }
  tracker.add({ id: 'finish', kind: 'finish', label: 'Finishing' });
  tracker.done('setup');
  const rebuilt = { indexes: schema.indices.length, constraints: schema.constraints.length };
  return {
    findings,
    masSchemaVersion: mas.schemaVersion,
    resumed,
    tables: mas.tables,
    run,
    plan,
    stepIds,
    rebuilt,
    providersInserted,
    directory,
  };
}

/** SPEC §4.3: every stage plan at once, each writer committed only when all data is written. */
async function migrateEntities(
  settings: MigrationSettings,
  conns: Connections,
  prepared: Prepared,
  tracker: ProgressTracker,
  signal: AbortSignal,
  internal: AbortController,
  startMs: number,
  tap: SessionDigestTap | undefined,
): Promise<{ counts: StageCounts[]; written: PlanOutcome['written']; notices: MappingContext['notices'] }> {
  tracker.phase('migrating');
  const { plans, stages } = prepared.run;
  const pool = conns.pool!;
  const snapshot = conns.snapshot!;
  const ctx: MappingContext = {
    ids: new IdMinter(),
    startMs,
    userIdSuffix: Buffer.from(`:${settings.serverName}`),
    providerUuids: new Map(
      settings.masProviders.flatMap((p) => (p.synapseIdpId === undefined ? [] : [[p.synapseIdpId, uuidBytes(ulidToUuid(p.id))] as const])),
    ),
    notices: noNotices(),
    ...(tap ? { tap } : {}),
  };
  const ldapProvider = ctx.providerUuids.get(ldapIdpId);
  if (prepared.directory && ldapProvider && settings.directory)
    ctx.directoryLinks = new DirectoryLinker(
      prepared.directory,
      ldapProvider,
      settings.directory.module.settings.activeDirectory,
      ctx.userIdSuffix,
    );
  // A table's indexes are built by its writer, in its transaction, once its rows are in.
  const buildIndexes = async (writer: pg.Client, table: MasTable) => {
    for (const step of prepared.plan.byTable.get(pausedName(table)) ?? [])
      await runRebuildStep(writer, step, prepared.stepIds.get(step)!, tracker);
  };
  const sql = {
    ...sqlContext(snapshot.client.escapeLiteral(`:${settings.serverName}`), await keysSortBytewise(snapshot.client)),
    ...(tap ? { tapColumns: tap.columns } : {}),
  };
  const deps = { snapshot, pool, ctx, tracker, sql, signal, buildIndexes };
  const outcomes = await Promise.allSettled(
    plans.map((plan) =>
      runStagePlan(plan, deps).catch((error: unknown) => {
        internal.abort(error); // stop the other plans at once
        throw error;
      }),
    ),
  );
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  await pool.commitAll();
  const done = outcomes.map((o) => (o as PromiseFulfilledResult<PlanOutcome>).value);
  const byStage = new Map(plans.flatMap((p, i) => p.stages.map((stage, s) => [stage.id, done[i]!.stages[s]!] as const)));
  return {
    counts: stages.map((stage) => byStage.get(stage.id)!),
    written: Object.assign({}, ...done.map((d) => d.written)),
    notices: ctx.notices,
  };
}

/** How many MAS tables, hence writers, a plan writes at once. */
const tablesOf = (plan: StagePlan) => new Set(plan.stages.flatMap((s) => s.outputs)).size;

/**
 * SPEC §4.4, the final transaction: the constraints (the indexes were built
 * by the writers), restore tables dropped, names back; `beforeCommit` (the
 * in-run verification) sees the migrated rows; a dry run then empties the tables.
 */
async function finish(
  control: pg.Client,
  prepared: Prepared,
  tracker: ProgressTracker,
  dryRun: boolean,
  beforeCommit?: () => Promise<void>,
): Promise<void> {
  tracker.phase('rebuilding');
  await control.query('BEGIN');
  await control.query(`SET LOCAL maintenance_work_mem = '${rebuildMaintenanceWorkMem}'`);
  for (const step of prepared.plan.final) await runRebuildStep(control, step, prepared.stepIds.get(step)!, tracker);
  tracker.phase('finishing');
  tracker.start('finish');
  await unpauseTables(control, prepared.tables);
  await beforeCommit?.();
  if (dryRun) await control.query(`TRUNCATE ${prepared.tables.map(quoteIdent).join(', ')} CASCADE`);
  await control.query('COMMIT');
  tracker.done('finish');
}
