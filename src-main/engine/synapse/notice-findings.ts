import type { Finding } from '../../../src-shared/domain/finding';
import type { ProblemTally } from './problem-tally';

/** One kind of SPEC §2 data notice: rows that migrate but lose information. */
export interface Notice {
  kind: string;
  source: string;
  message: (n: number) => string;
  fix: string;
}

/** The data-notices warnings of the kinds `found` holds, in the order of `notices`. */
export function noticeFindings(notices: readonly Notice[], found: ProblemTally): Finding[] {
  return notices.flatMap((n) => {
    const result = found.get(n.kind);
    if (!result) return [];
    return [
      {
        id: 'data-notices',
        severity: 'warning' as const,
        area: 'data-integrity' as const,
        message: n.message(result.count),
        fix: n.fix,
        source: n.source,
        ...result,
      },
    ];
  });
}
