import { z } from 'zod';

/** SPEC §6 stage kinds: setting up, one per entity, one per index and constraint rebuilt, finishing. */
export const StageKind = z.enum(['setup', 'entity', 'index', 'constraint', 'finish']);

export const ProgressStage = z.object({
  id: z.string(),
  kind: StageKind,
  label: z.string(),
  status: z.enum(['pending', 'running', 'done']),
  /** Entity stages: Synapse rows migrated and skipped so far. */
  migrated: z.number().int(),
  skipped: z.number().int(),
  /** Entity stages: the planner's estimate of the rows to read. */
  estimatedTotal: z.number().int().optional(),
  rowsPerSecond: z.number().optional(),
  secondsRemaining: z.number().optional(),
  durationMs: z.number().optional(),
});
export type ProgressStage = z.infer<typeof ProgressStage>;

export const MigrationPhase = z.enum(['setting-up', 'migrating', 'rebuilding', 'finishing', 'done']);

/** One snapshot of a running migration, streamed to the UI and the CLI. */
export const MigrationProgress = z.object({
  dryRun: z.boolean(),
  phase: MigrationPhase,
  stages: z.array(ProgressStage),
  elapsedMs: z.number(),
  /** All entity stages together. */
  rowsPerSecond: z.number().optional(),
  secondsRemaining: z.number().optional(),
});
export type MigrationProgress = z.infer<typeof MigrationProgress>;

/** A real run past its commit (its finish stage done): a cancel from here on stops only `--verify`'s verification. */
export function isCommitted(progress: MigrationProgress | undefined): boolean {
  return progress !== undefined && !progress.dryRun && progress.stages.some((s) => s.id === 'finish' && s.status === 'done');
}
