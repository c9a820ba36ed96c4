import { skipReasonLabels } from '../../../../src-shared/domain/report';

export function skipReasonLabel(code: string): string {
  return skipReasonLabels[code] ?? code;
}

export function totalSkipped(skipped: Record<string, number>): number {
  return Object.values(skipped).reduce((a, b) => a + b, 0);
}
