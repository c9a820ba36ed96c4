import {
  maxVerificationExamples,
  type TableVerification,
  type VerificationDifference,
  type VerificationExample,
} from '../../../src-shared/domain/verification';
import { unescapeCopyField } from './copy-text';
import type { TableLayout } from './table-layouts';

interface Tally {
  difference: VerificationDifference;
  seen: Set<string>;
}

/** The result of one table as the merge goes: counts, and up to 20 distinct examples per kind of difference. */
export class DifferenceTally {
  expected = 0;
  found = 0;
  matching = 0;
  readonly #tallies = new Map<string, Tally>();

  constructor(
    readonly layout: TableLayout,
    readonly serverName: string,
  ) {}

  missing(row: (string | null)[]): void {
    this.#add('missing', undefined, row);
  }

  unexpected(row: (string | null)[]): void {
    this.#add('unexpected', undefined, row);
  }

  field(name: string, row: (string | null)[]): void {
    this.#add('field', name, row);
  }

  result(): TableVerification {
    // Missing and unexpected first, then fields in the layout's order.
    const rank = (d: VerificationDifference) =>
      d.kind === 'missing' ? -2 : d.kind === 'unexpected' ? -1 : this.layout.fields.findIndex((f) => f.name === d.field);
    const differences = [...this.#tallies.values()].map((t) => t.difference).sort((a, b) => rank(a) - rank(b));
    return { table: this.layout.table, expected: this.expected, found: this.found, matching: this.matching, differences };
  }

  #add(kind: VerificationDifference['kind'], field: string | undefined, row: (string | null)[]): void {
    const id = `${kind}:${field ?? ''}`;
    let tally = this.#tallies.get(id);
    if (!tally) {
      tally = { difference: { kind, ...(field === undefined ? {} : { field }), count: 0, examples: [] }, seen: new Set() };
      this.#tallies.set(id, tally);
    }
    tally.difference.count++;
    if (tally.difference.examples.length >= maxVerificationExamples) return;
    const example = this.#example(row);
    const name = `${example.userId}\0${example.deviceId}`;
    if (tally.seen.has(name)) return;
    tally.seen.add(name);
    tally.difference.examples.push(example);
  }

  /** Named by Synapse user ID and device ID only: the row's other values may be tokens or hashes. */
  #example(row: (string | null)[]): VerificationExample {
    const user = this.layout.user === null ? null : (row[this.layout.user] ?? null);
    const device = this.layout.device === null ? null : (row[this.layout.device] ?? null);
    return {
      userId: user === null ? null : this.layout.userIsId ? unescapeCopyField(user) : `@${unescapeCopyField(user)}:${this.serverName}`,
      deviceId: device === null ? null : unescapeCopyField(device),
    };
  }
}
