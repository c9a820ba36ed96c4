import type { FloorTimes } from './floor';
import type { MigrationRun } from './run-child';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const line = (label: string, value: string) => `  ${label.padEnd(58)} ${value}\n`;

export function rowsWritten(run: MigrationRun): number {
  return Object.values(run.report.rowsWritten).reduce((a, b) => a + b, 0);
}

/** Wall time per phase (from the progress events) and per stage, rows per second and peak memory of one run. */
export function formatRun(title: string, run: MigrationRun): string {
  const { phases: p, wallMs } = run;
  const rows = rowsWritten(run);
  let out = `${title}\n`;
  out += line(
    'rows written',
    `${count(rows)}  (${Object.entries(run.report.rowsWritten)
      .map(([t, n]) => `${t} ${count(n)}`)
      .join(', ')})`,
  );
  out += line('wall time', `${seconds(wallMs)}  = ${count(rows / (wallMs / 1000))} rows/s`);
  out += line('setting up (locks, checks, integrity scan, pausing)', seconds(p.migrating ?? 0));
  out += line('migrating (entity stages run concurrently; incl. commit)', seconds((p.rebuilding ?? 0) - (p.migrating ?? 0)));
  for (const s of run.stages.filter((s) => s.kind === 'entity')) {
    out += line(`  ${s.label}: ${count(s.migrated)} migrated, ${count(s.skipped)} skipped`, seconds(s.durationMs ?? 0));
  }
  out += line('rebuilding indexes and constraints', seconds((p.finishing ?? 0) - (p.rebuilding ?? 0)));
  for (const s of run.stages.filter((s) => s.kind === 'index' || s.kind === 'constraint'))
    out += line(`  ${s.label.replace('Rebuilding ', '')}`, seconds(s.durationMs ?? 0));
  out += line(`finishing (renames${run.report.dryRun ? ', truncation' : ''}, commit)`, seconds((p.done ?? wallMs) - (p.finishing ?? 0)));
  if (run.serverCpuMs !== undefined) {
    out += line(
      'CPU time: PostgreSQL + migrating process',
      `${seconds(run.serverCpuMs + run.cpuMs)}  (${seconds(run.serverCpuMs)} + ${seconds(run.cpuMs)})`,
    );
  } else {
    out += line('CPU time of the migrating process', seconds(run.cpuMs));
  }
  out += line(
    'peak RSS of the migrating process',
    `${count(run.maxRssKb / 1024)} MB  (${count(run.baselineRssKb / 1024)} MB before the run)`,
  );
  return out;
}

export function formatFloor(floor: FloorTimes): string {
  let out = 'PostgreSQL floor (same server, same rows, same indexes and constraints)\n';
  out += line('read: the stage queries, concurrently, output discarded', seconds(floor.readMs));
  out += line('load: COPY FROM into index-free tables, one writer per table', seconds(floor.loadMs));
  out += line('rebuild: the same index and constraint steps', seconds(floor.rebuildMs));
  out += line('total', seconds(floor.totalMs));
  if (floor.cpuMs !== undefined) out += line('CPU time: PostgreSQL', seconds(floor.cpuMs));
  return out;
}

export function formatComparison(real: MigrationRun, floor: FloorTimes, dry?: MigrationRun): string {
  let out = `Ratio migration / floor: ${(real.wallMs / floor.totalMs).toFixed(2)}  (${seconds(real.wallMs)} / ${seconds(floor.totalMs)})\n`;
  if (real.serverCpuMs !== undefined && floor.cpuMs !== undefined) {
    const cpu = real.serverCpuMs + real.cpuMs;
    out += `Work ratio (CPU time, which other load on the machine does not inflate): ${(cpu / floor.cpuMs).toFixed(2)}  (${seconds(cpu)} / ${seconds(floor.cpuMs)})\n`;
  }
  if (dry) {
    const truncation = (dry.phases.done ?? dry.wallMs) - (dry.phases.finishing ?? 0);
    out += `Dry run / real run: ${(dry.wallMs / real.wallMs).toFixed(2)}  (${seconds(dry.wallMs)} vs ${seconds(real.wallMs)}; the dry run's finishing incl. truncation: ${seconds(truncation)})\n`;
  }
  return out;
}
