import type { RunningSandbox } from './sandbox';

/** The one sandbox of a host, with the profile made for it. */
export interface RegisteredSandbox {
  sandbox: RunningSandbox;
  profileId: string;
  users: number;
}

/** A host's sandbox: started once (concurrent callers share the start), stopped on request. */
export class SandboxRegistry {
  #running: RegisteredSandbox | undefined;
  #starting: Promise<RegisteredSandbox> | undefined;

  get current(): RegisteredSandbox | undefined {
    return this.#running;
  }

  async ensure(start: () => Promise<RegisteredSandbox>): Promise<RegisteredSandbox> {
    if (this.#running) return this.#running;
    this.#starting ??= start().finally(() => {
      this.#starting = undefined;
    });
    this.#running = await this.#starting;
    return this.#running;
  }

  async stop(): Promise<boolean> {
    const registered = this.#running;
    if (!registered) return false;
    this.#running = undefined;
    await registered.sandbox.stop();
    return true;
  }
}
