import type pg from 'pg';
import type { CopyRow } from '../../connect/postgres/copy-binary';
import { copyOut, eachRow } from '../../connect/postgres/copy-out';

export interface ProbeResult {
  count: number;
  examples: string[];
}

const maxExamples = 20;

/** Counts per kind of problem, with the first examples of each in order (SPEC §2: counts and up to 20 examples). */
export class ProblemTally {
  readonly #found = new Map<string, ProbeResult>();

  add(kind: string, example: string): void {
    const found = this.#found.get(kind) ?? { count: 0, examples: [] };
    this.#found.set(kind, found);
    found.count++;
    const { examples } = found;
    if (examples.length === maxExamples && example >= examples[maxExamples - 1]!) return;
    let at = examples.length;
    while (at > 0 && examples[at - 1]! > example) at--;
    examples.splice(at, 0, example);
    if (examples.length > maxExamples) examples.pop();
  }

  get(kind: string): ProbeResult | undefined {
    return this.#found.get(kind);
  }
}

/**
 * Streams the rows of one scan (binary COPY) through `onRow`: a single pass
 * over the table, whatever the number of problem kinds, and only the rows
 * worth looking at leave the server.
 */
export function scanRows(client: pg.Client, select: string, onRow: (row: CopyRow) => void): Promise<void> {
  return eachRow(copyOut(client, select), onRow);
}
