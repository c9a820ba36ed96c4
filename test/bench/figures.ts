/**
 * The figures of repeated runs, each kept per repeat, and printed as
 * median and range (min–max): one run on a shared machine says little.
 */
export class Figures {
  readonly #values = new Map<string, { unit: Unit; values: number[] }>();

  add(name: string, unit: Unit, value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    const entry = this.#values.get(name) ?? { unit, values: [] };
    entry.values.push(value);
    this.#values.set(name, entry);
  }

  /** One line a figure: its median, its range, and how many runs it is of. */
  format(title: string): string {
    const rows = [...this.#values].map(([name, { unit, values }]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const range = sorted.length > 1 ? `${show(sorted[0]!, unit)} – ${show(sorted.at(-1)!, unit)}` : '';
      return `  ${name.padEnd(52)}${show(median(sorted), unit).padStart(10)}   ${range.padEnd(22)} n=${sorted.length}\n`;
    });
    return `${title}\n  ${'figure'.padEnd(52)}${'median'.padStart(10)}   ${'range (min – max)'.padEnd(22)}\n${rows.join('')}`;
  }
}

export type Unit = 's' | 'ratio' | 'MB' | 'count';

/** The middle value of sorted values (the mean of the middle two when even). */
export function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function show(value: number, unit: Unit): string {
  if (unit === 's') return `${(value / 1000).toFixed(2)} s`;
  if (unit === 'MB') return `${Math.round(value / 1024)} MB`;
  if (unit === 'count') return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}
