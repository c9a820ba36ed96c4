import type { MigrationProgress, ProgressStage } from '../../../src-shared/domain/progress';

export interface ProgressDisplay {
  update(progress: MigrationProgress): void;
  /** Before other text is printed: the display stops redrawing over what it drew so far. */
  finish(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

/** One line per stage: counts against the estimate, rate and time left while running. */
export function stageLine(stage: ProgressStage): string {
  const mark = stage.status === 'done' ? '✓' : stage.status === 'running' ? '›' : ' ';
  if (stage.kind !== 'entity')
    return `${mark} ${stage.label}${stage.durationMs !== undefined ? ` (${duration(stage.durationMs / 1000)})` : ''}`;
  const seen = stage.migrated + stage.skipped;
  const total = stage.estimatedTotal ? ` of ~${stage.estimatedTotal}` : '';
  const rate = stage.status === 'running' && stage.rowsPerSecond ? `, ${Math.round(stage.rowsPerSecond)} rows/s` : '';
  const left = stage.status === 'running' && stage.secondsRemaining !== undefined ? `, ${duration(stage.secondsRemaining)} left` : '';
  return `${mark} ${stage.label}: ${seen}${total} read, ${stage.migrated} migrated, ${stage.skipped} skipped${rate}${left}`;
}

function headline(p: MigrationProgress): string {
  const rate = p.rowsPerSecond ? `, ${Math.round(p.rowsPerSecond)} rows/s` : '';
  const left = p.secondsRemaining !== undefined ? `, about ${duration(p.secondsRemaining)} left` : '';
  return `${p.dryRun ? 'Dry run' : 'Migration'}: ${p.phase} (${duration(p.elapsedMs / 1000)} elapsed${rate}${left})`;
}

/**
 * On a terminal, a block of lines redrawn in place: the headline, the entity
 * stages, and the rebuild stage in progress. Otherwise plain lines, one when
 * a stage starts or ends, suitable for logs.
 */
export function createProgressDisplay(out: { write(text: string): unknown; isTTY?: boolean }): ProgressDisplay {
  if (out.isTTY) {
    let drawn = 0;
    return {
      update(p) {
        const visible = p.stages.filter(
          (s) => s.kind === 'entity' || s.kind === 'setup' || s.status === 'running' || (s.kind === 'finish' && s.status !== 'pending'),
        );
        const lines = [headline(p), ...visible.map(stageLine)];
        out.write(`${drawn ? `\x1b[${drawn}F` : ''}${lines.map((l) => `\x1b[2K${l}\n`).join('')}\x1b[J`);
        drawn = lines.length;
      },
      finish() {
        drawn = 0;
      },
    };
  }
  const printed = new Map<string, string>();
  return {
    update(p) {
      for (const stage of p.stages) {
        if (stage.status === 'pending' || printed.get(stage.id) === stage.status) continue;
        printed.set(stage.id, stage.status);
        out.write(`${stageLine(stage)}\n`);
      }
    },
    finish() {},
  };
}
