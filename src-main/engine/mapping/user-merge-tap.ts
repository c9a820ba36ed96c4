import type { CopyRow } from '../../connect/postgres/copy-binary';

/** Rows the merge holds for a group (a TupleStore): `read` puts row `k` in `into`. */
export interface HeldRows {
  readonly count: number;
  read(k: number, into: CopyRow): CopyRow;
}

/**
 * The SELECT list a tap adds after each stream's own columns (streamSql),
 * written over the stream's alias: users `u`, devices `d`, access_tokens `a`,
 * refresh_tokens `r`; empty when it adds none.
 */
export interface TapColumns {
  users: string;
  devices: string;
  tokens: string;
  refresh: string;
}

/**
 * Sees the user merge's rows (user-merge.ts) as they go by, with columns of
 * its own and none of the mapping's decisions: `migrate --verify` works
 * Synapse's half of the session side out from them by its own rules
 * (verify/session-digest-tap.ts), so Synapse's devices and tokens are read
 * once, not once more and sorted.
 */
export interface UserMergeTap {
  /** Each users row, in the merge's order. */
  user(row: CopyRow): void;
  /**
   * Each group, after its user's row if Synapse has one: a device (undefined when no devices row has the group's
   * key) with its access tokens and refresh tokens.
   */
  group(device: CopyRow | undefined, tokens: HeldRows, refresh: HeldRows): void;
}
