/**
 * The instant the migration gave rows whose time Synapse does not know
 * (SPEC §5: "else the migration start"). A run that verifies itself knows
 * it; a later verify takes it from the first such row in MAS and then holds
 * every other such row to the same instant, since one run has one start.
 */
export class MigrationStart {
  #micros: string | undefined;

  constructor(
    readonly source: 'run' | 'inferred',
    startMs?: number,
  ) {
    if (startMs !== undefined) this.#micros = String(startMs * 1000);
  }

  /** Whether MAS's value (microseconds, COPY text) is the migration start. */
  matches(found: string | null): boolean {
    if (found === null) return false;
    this.#micros ??= found;
    return found === this.#micros;
  }

  /** Takes `micros` as the start, if none is known yet (read back from MAS before any row was compared). */
  learn(micros: string): void {
    this.#micros ??= micros;
  }

  /** Microseconds since the epoch (text), once known. */
  known(): string | undefined {
    return this.#micros;
  }

  /** ISO time, once known. */
  at(): string | null {
    return this.#micros === undefined ? null : new Date(Number(this.#micros) / 1000).toISOString();
  }
}
