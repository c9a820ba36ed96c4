import { type BenchPhase, benchPhases } from './child-protocol';
import type { FloorRun } from './floor';
import { masTables, optionalSynapseTables, synapseTables } from '../../src-shared/domain/migration-tables';
import type { MigrationRun } from './run-child';
import type { ClockReading } from './server-cpu';

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number) => (a / b).toFixed(2);

/** PostgreSQL + client CPU, when the server's share is known. */
export const cpuTotal = (r: ClockReading) => (r.serverCpuMs === undefined ? undefined : r.serverCpuMs + r.processCpuMs);

function table(title: string, client: string, rows: [string, ClockReading][]): string {
  const head = `${title.padEnd(46)}${'wall'.padStart(9)}${'CPU PostgreSQL'.padStart(16)}${client.padStart(16)}${'CPU total'.padStart(12)}\n`;
  return (
    head +
    rows
      .map(
        ([label, r]) =>
          `  ${label.padEnd(44)}${seconds(r.wallMs).padStart(9)}${seconds(r.serverCpuMs).padStart(16)}${seconds(r.processCpuMs).padStart(16)}${seconds(cpuTotal(r)).padStart(12)}\n`,
      )
      .join('')
  );
}

/** A label and its wall time. */
type Timed = [string, number | undefined];

export function rowsWritten(run: MigrationRun): number {
  return Object.values(run.report.rowsWritten).reduce((a, b) => a + b, 0);
}

const phaseLabels: Record<BenchPhase, string> = {
  'setting-up': 'set-up (configs, locks, checks, scans, pause)',
  migrating: 'entity stages, index builds, commit',
  rebuilding: 'constraints (final transaction)',
  finishing: 'finish (renames, commit)',
};

/** The per-phase table of one run, its entity stages, its slowest rebuild steps and its peak memory. */
export function formatRun(title: string, run: MigrationRun): string {
  const zero: ClockReading = { wallMs: 0, processCpuMs: 0 };
  let out = table(title, 'CPU migrator', [
    ...benchPhases.map((p): [string, ClockReading] => [phaseLabels[p], run.phases[p] ?? zero]),
    ['total', run.total],
  ]);
  const stages = run.stages
    .filter((s) => s.kind === 'entity')
    .map((s): Timed => [`${s.label}: ${count(s.migrated)} migrated, ${count(s.skipped)} skipped`, s.durationMs]);
  const steps = run.stages.filter((s) => s.kind === 'index' || s.kind === 'constraint');
  const slowest = [...steps]
    .sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0))
    .slice(0, 5)
    .map((s): Timed => [s.label.replace('Rebuilding ', ''), s.durationMs]);
  // The times in one column, past the longest label (at 1 M they ran into it).
  const width = Math.max(62, ...[...stages, ...slowest].map(([label]) => label.length + 2));
  const lines = (rows: Timed[]) => rows.map(([label, ms]) => `    ${label.padEnd(width)}${seconds(ms)}\n`).join('');
  out += `  entity stages (wall time each; they overlap):\n${lines(stages)}`;
  out += `  slowest of the ${steps.length} rebuild steps (indexes during the entity stages, each on its table's writer):\n${lines(slowest)}`;
  out += `  rows written: ${count(rowsWritten(run))} = ${count(rowsWritten(run) / (run.total.wallMs / 1000))} rows/s\n`;
  out += `  peak RSS of the migrating process: ${count(run.maxRssKb / 1024)} MB (${count(run.baselineRssKb / 1024)} MB before the run)\n`;
  return out;
}

export function formatFloor(floor: FloorRun): string {
  return table('Strict floor (DESIGN.md; one connection, sequential)', 'CPU client', [
    [`read: the ${synapseTables.length + optionalSynapseTables.length} Synapse tables, plain COPY TO`, floor.read],
    [`load: COPY FROM into the ${masTables.length} index-free tables`, floor.load],
    [`build: ${floor.indexes} indexes, ${floor.constraints} constraints`, floor.build],
    ['total', floor.total],
  ]);
}

export function formatComparison(real: MigrationRun, floor: FloorRun, dry?: MigrationRun): string {
  let out = `Migration / strict floor, wall time: ${ratio(real.total.wallMs, floor.total.wallMs)}  (${seconds(real.total.wallMs)} / ${seconds(floor.total.wallMs)}; target ≤ 1.0, moonshot 0.8)\n`;
  const cpu = cpuTotal(real.total);
  const floorCpu = cpuTotal(floor.total);
  if (cpu !== undefined && floorCpu !== undefined) {
    out += `Migration / strict floor, CPU time (PostgreSQL + client; other load does not inflate it): ${ratio(cpu, floorCpu)}  (${seconds(cpu)} / ${seconds(floorCpu)}; target ≤ 1.1, moonshot 1.0)\n`;
    if (real.total.serverFaults !== undefined && floor.total.serverFaults !== undefined)
      out += `PostgreSQL's minor page faults, migration / strict floor: ${count(real.total.serverFaults)} / ${count(floor.total.serverFaults)} (README, "Huge pages")\n`;
  } else {
    out += 'CPU ratio: not measured (the server is TEST_PG_URL, whose processes are not visible here)\n';
  }
  if (dry) {
    const finish = dry.phases.finishing?.wallMs ?? 0;
    out += `Dry run / real run, wall time: ${ratio(dry.total.wallMs, real.total.wallMs)}  (${seconds(dry.total.wallMs)} vs ${seconds(real.total.wallMs)}; the dry run's finish incl. truncation: ${seconds(finish)})\n`;
  }
  return out;
}

/** One line: a verification's wall and CPU time and its process's peak memory. */
export function formatVerify(title: string, run: { total: ClockReading; maxRssKb: number }): string {
  return `${table(title, 'CPU client', [['total', run.total]])}  peak RSS of its process: ${count(run.maxRssKb / 1024)} MB\n`;
}

/** verify / migration, and migrate --verify / migrate, when measured. */
export function formatVerifyComparison(real: MigrationRun, verified?: { total: ClockReading }, proved?: MigrationRun): string {
  let out = '';
  if (verified)
    out += `verify / migration, wall time: ${ratio(verified.total.wallMs, real.total.wallMs)}  (${seconds(verified.total.wallMs)} / ${seconds(real.total.wallMs)}; target ≤ 1.0)\n`;
  if (proved)
    out += `migrate --verify / migrate, wall time: ${ratio(proved.total.wallMs, real.total.wallMs)}  (${seconds(proved.total.wallMs)} / ${seconds(real.total.wallMs)}; target ≤ 1.5)\n`;
  return out;
}

/** --ldap: the run with the directory against the same run without it (target: at most 10 % more). */
export function formatDirectoryComparison(real: MigrationRun, plain: MigrationRun): string {
  const cpu = cpuTotal(real.total);
  const plainCpu = cpuTotal(plain.total);
  let out = `With the directory / without, wall time: ${ratio(real.total.wallMs, plain.total.wallMs)}  (${seconds(real.total.wallMs)} / ${seconds(plain.total.wallMs)}; target ≤ 1.1)\n`;
  if (cpu !== undefined && plainCpu !== undefined)
    out += `With the directory / without, CPU time: ${ratio(cpu, plainCpu)}  (${seconds(cpu)} / ${seconds(plainCpu)}; target ≤ 1.1; the directory's links are ${count(rowsWritten(real) - rowsWritten(plain))} more rows to write)\n`;
  return out;
}
