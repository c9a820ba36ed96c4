import type { ProgressStage } from '../../src-shared/domain/progress';
import type { MigrationReport } from '../../src-shared/domain/report';
import type { FileSourceOptions } from '../../src-main/ipc/sources/file-source';

/** The config files and options, as `syn2mas migrate` is given them on the command line. */
export type BenchSource = Omit<FileSourceOptions, 'env' | 'cwd'>;

/** Parent → child: what `syn2mas migrate` would be given. */
export interface ChildStart {
  source: BenchSource;
  dryRun: boolean;
  writers: number;
}

/** When each phase of the run began, in ms since the run started. */
export type PhaseMarks = Partial<Record<'migrating' | 'rebuilding' | 'finishing' | 'done', number>>;

/** Child → parent, once: the outcome of the run. */
export type ChildResult =
  | {
      ok: true;
      report: MigrationReport;
      wallMs: number;
      phases: PhaseMarks;
      stages: ProgressStage[];
      /** Peak resident set of the migrating process (kB), and its resident set just before the run. */
      maxRssKb: number;
      baselineRssKb: number;
      /** CPU time of the migrating process during the run (ms). */
      cpuMs: number;
    }
  | { ok: false; message: string };
