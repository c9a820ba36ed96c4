import type { SshSession } from './ssh-session';

/** The SSH sessions of one host that are still open, so that quitting can close every tunnel. */
export class OpenTunnels {
  readonly #sessions = new Set<SshSession>();

  get size(): number {
    return this.#sessions.size;
  }

  /** Tracks a session until it is closed. */
  add(session: SshSession): void {
    this.#sessions.add(session);
    session.once('closed', () => this.#sessions.delete(session));
  }

  /** Closes every open session: the operations using them fail with "closed" instead of hanging. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions].map((session) => session.close()));
  }
}
