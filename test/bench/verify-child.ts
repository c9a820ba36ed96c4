import { verifySource } from '../../src-main/app/prove-migration';
import { openFileSource } from '../../src-main/app/sources/file-source';
import { usingSource } from '../../src-main/app/sources/migration-source';
import type { VerifyResult, VerifyStart } from './child-protocol';
import { between, readClock } from './server-cpu';

/**
 * The verifying process of the benchmark: does what `syn2mas verify` does
 * (load both configs, compare MAS with Synapse) in a process of its own, so
 * its CPU time and peak memory are the verification's alone.
 */
process.once('message', async ({ source, serverDataDir }: VerifyStart) => {
  const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
  let result: VerifyResult;
  try {
    const t0 = readClock(serverDataDir);
    const verification = await usingSource(
      () => openFileSource({ ...source, cwd: process.cwd(), env: process.env }),
      (opened) => verifySource(opened),
    );
    const total = between(t0, readClock(serverDataDir));
    if (verification.outcome !== 'match')
      throw new Error(`verify found ${verification.outcome}: ${verification.problem?.message ?? 'differences'}`);
    result = { ok: true, outcome: verification.outcome, total, maxRssKb: process.resourceUsage().maxRSS, baselineRssKb };
  } catch (error) {
    result = { ok: false, message: (error as Error).message };
  }
  process.send!(result, () => process.disconnect());
});
