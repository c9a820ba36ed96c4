/** What oidc-provider stores (sessions, interactions, codes, grants): JSON objects it reads back as it wrote them. */
type Payload = Record<string, unknown> & { uid?: string; userCode?: string; grantId?: string };

/**
 * oidc-provider's storage adapter for one sandbox provider: in memory, gone
 * when it stops (as the sandbox is). The library's own in-memory adapter
 * does the same but warns on the console that it is for development only,
 * which is what a sandbox is. Expired rows are dropped as new ones come.
 */
export function sandboxProviderStore() {
  const rows = new Map<string, { model: string; payload: Payload; expiresAt: number }>();
  const live = (key: string) => {
    const row = rows.get(key);
    if (row && row.expiresAt <= Date.now()) rows.delete(key);
    return rows.get(key);
  };
  return class SandboxProviderStore {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      for (const key of rows.keys()) live(key);
      rows.set(`${this.model}:${id}`, { model: this.model, payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    }

    async find(id: string): Promise<Payload | undefined> {
      return live(`${this.model}:${id}`)?.payload;
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      return this.#findBy((p) => p.uid === uid);
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      return this.#findBy((p) => p.userCode === userCode);
    }

    async consume(id: string): Promise<void> {
      const row = live(`${this.model}:${id}`);
      if (row) row.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      rows.delete(`${this.model}:${id}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, row] of rows) if (row.payload.grantId === grantId) rows.delete(key);
    }

    #findBy(test: (payload: Payload) => boolean): Payload | undefined {
      for (const [key, row] of rows) if (row.model === this.model && live(key) && test(row.payload)) return row.payload;
      return undefined;
    }
  };
}
