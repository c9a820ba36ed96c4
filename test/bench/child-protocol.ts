import type { ProgressStage } from '../../src-shared/domain/progress';
import type { MigrationReport } from '../../src-shared/domain/report';
import type { VerificationResult } from '../../src-shared/domain/verification';
import type { FileSourceOptions } from '../../src-main/app/sources/file-source';
import type { ClockReading } from './server-cpu';

/** The config files and options, as `syn2mas migrate` is given them on the command line. */
export type BenchSource = Omit<FileSourceOptions, 'env' | 'cwd'>;

/** Parent → child: what `syn2mas migrate` would be given, and where the server's CPU time can be read. */
export interface ChildStart {
  source: BenchSource;
  dryRun: boolean;
  writers: number;
  /** `migrate --verify`: the run proves its output right after its commit. */
  verify?: boolean;
  /** The embedded server's data folder (see server-cpu.ts); absent with TEST_PG_URL. */
  serverDataDir?: string;
}

/** Parent → verifying child: what `syn2mas verify` would be given. */
export type VerifyStart = Pick<ChildStart, 'source' | 'serverDataDir'>;

/** The phases of a run as its progress events mark them (SPEC §6). */
export const benchPhases = ['setting-up', 'migrating', 'rebuilding', 'finishing'] as const;
export type BenchPhase = (typeof benchPhases)[number];

/** Child → parent, once: the outcome of the run. */
export type ChildResult =
  | {
      ok: true;
      report: MigrationReport;
      /** Wall and CPU time of each phase (what passed between its first progress event and the next phase's). */
      phases: Partial<Record<BenchPhase, ClockReading>>;
      /** The whole run. */
      total: ClockReading;
      stages: ProgressStage[];
      /** Peak resident set of the migrating process (kB), and its resident set just before the run. */
      maxRssKb: number;
      baselineRssKb: number;
    }
  | { ok: false; message: string };

/** Verifying child → parent, once. */
export type VerifyResult =
  | { ok: true; outcome: VerificationResult['outcome']; total: ClockReading; maxRssKb: number; baselineRssKb: number }
  | { ok: false; message: string };
