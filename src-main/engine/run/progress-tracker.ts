import type { MigrationProgress, ProgressStage } from '../../../src-shared/domain/progress';

type Phase = MigrationProgress['phase'];

/**
 * Keeps the stages of SPEC §6 and hands out snapshots: at most one every
 * `intervalMs` while rows flow, and always when a stage starts or ends.
 */
export class ProgressTracker {
  readonly #stages: ProgressStage[] = [];
  readonly #started = new Map<string, number>();
  readonly #t0 = Date.now();
  #phase: Phase = 'setting-up';
  #lastEmit = 0;

  constructor(
    readonly dryRun: boolean,
    readonly onProgress: (progress: MigrationProgress) => void,
    readonly intervalMs = 250,
  ) {}

  add(stage: Pick<ProgressStage, 'id' | 'kind' | 'label'> & { estimatedTotal?: number }): void {
    this.#stages.push({ ...stage, status: 'pending', migrated: 0, skipped: 0 });
  }

  phase(phase: Phase): void {
    this.#phase = phase;
    this.emit(true);
  }

  start(id: string): void {
    this.#started.set(id, Date.now());
    this.#get(id).status = 'running';
    this.emit(true);
  }

  done(id: string): void {
    const stage = this.#get(id);
    stage.status = 'done';
    stage.durationMs = Date.now() - (this.#started.get(id) ?? Date.now());
    delete stage.secondsRemaining;
    this.emit(true);
  }

  count(id: string, migrated: number, skipped: number): void {
    const stage = this.#get(id);
    stage.migrated += migrated;
    stage.skipped += skipped;
    const seconds = (Date.now() - (this.#started.get(id) ?? Date.now())) / 1000;
    if (seconds > 0) {
      const seen = stage.migrated + stage.skipped;
      stage.rowsPerSecond = seen / seconds;
      if (stage.estimatedTotal !== undefined && stage.rowsPerSecond > 0) {
        stage.secondsRemaining = Math.max(0, stage.estimatedTotal - seen) / stage.rowsPerSecond;
      }
    }
    this.emit(false);
  }

  snapshot(): MigrationProgress {
    const entities = this.#stages.filter((s) => s.kind === 'entity');
    const seen = entities.reduce((n, s) => n + s.migrated + s.skipped, 0);
    const estimated = entities.reduce((n, s) => n + Math.max(s.estimatedTotal ?? 0, s.migrated + s.skipped), 0);
    const elapsedMs = Date.now() - this.#t0;
    const snapshot: MigrationProgress = { dryRun: this.dryRun, phase: this.#phase, stages: this.#stages.map((s) => ({ ...s })), elapsedMs };
    if (this.#phase === 'migrating' && elapsedMs > 0 && seen > 0) {
      snapshot.rowsPerSecond = seen / (elapsedMs / 1000);
      snapshot.secondsRemaining = Math.max(0, estimated - seen) / snapshot.rowsPerSecond;
    }
    return snapshot;
  }

  emit(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.#lastEmit < this.intervalMs) return;
    this.#lastEmit = now;
    this.onProgress(this.snapshot());
  }

  #get(id: string): ProgressStage {
    const stage = this.#stages.find((s) => s.id === id);
    if (!stage) throw new Error(`unknown progress stage ${id}`);
    return stage;
  }
}
