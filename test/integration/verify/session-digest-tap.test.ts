import { describe, expect, it } from 'vitest';
import { CopyRow, TupleStore } from '../../../src-main/connect/postgres/copy-binary';
import type { HeldRows, UserMergeTap } from '../../../src-main/engine/mapping/user-merge-tap';
import { streamSql } from '../../../src-main/engine/mapping/user-streams';
import { sqlContext } from '../../../src-main/engine/synapse/sql-context';
import { openSynapseSnapshot } from '../../helpers/open-synapse-snapshot';
import { SessionDigestTap } from '../../../src-main/engine/verify/session-digest-tap';
import { expectedSessionDigests } from '../../../src-main/engine/verify/session-digests';
import { sessionTables } from '../../../src-main/engine/verify/table-layouts';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { connectorFor } from '../../helpers/pg-clients';
import { readUserMerge } from '../../helpers/user-merge-read';
import { insertRuleRows, serverName } from '../migration/rules-fixture';

const S = `':${serverName}'`;
const start = '1700000000000000';

/** How the merge's hand-over is changed, once, before the tap sees it. */
type Tamper =
  | 'none'
  | 'dropped token'
  | 'late group'
  | 'user after its groups'
  | 'token moved to the next group'
  | "a user's last group after the next user";

/** Rows copied from a group, so they outlive the call that handed them (`except`: a row left out). */
function copied(rows: HeldRows, except = -1): TupleStore {
  const store = new TupleStore();
  const row = new CopyRow();
  for (let k = 0; k < rows.count; k++) if (k !== except) store.add(rows.read(k, row));
  return store;
}

const one = (row: CopyRow) => copied({ count: 1, read: () => row });

/** The merge's hand-over to `tap`, changed as `tamper` says: the first time it can be. */
function tampered(tap: SessionDigestTap, tamper: Tamper): UserMergeTap {
  let done = tamper === 'none';
  let late: (() => void) | undefined;
  let moved: TupleStore | undefined;
  // "a user's last group after the next user": each group is held until the next call, and the first users row
  // after one goes first.
  let held: (() => void) | undefined;
  return {
    user(row) {
      if (!done && held) {
        tap.user(row);
        held();
        done = true;
      } else if (!done && tamper === 'user after its groups') {
        const held = one(row);
        late = () => tap.user(held.read(0, new CopyRow()));
        done = true;
      } else tap.user(row);
    },
    group(device, tokens, refresh) {
      if (!done && tamper === 'dropped token' && tokens.count > 0) {
        done = true;
        tap.group(device, copied(tokens, tokens.count - 1), refresh);
      } else if (!done && tamper === 'late group' && device) {
        const [d, t, r] = [one(device), copied(tokens), copied(refresh)];
        late = () => tap.group(d.read(0, new CopyRow()), t, r);
        done = true;
      } else if (!done && tamper === 'token moved to the next group' && device && tokens.count > 1) {
        moved = copied(tokens);
        tap.group(device, copied(tokens, tokens.count - 1), refresh);
        done = true;
      } else if (!done && tamper === "a user's last group after the next user") {
        held?.();
        const [d, t, r] = [device && one(device), copied(tokens), copied(refresh)];
        held = () => tap.group(d?.read(0, new CopyRow()), t, r);
      } else if (moved) {
        const withMoved = copied(tokens);
        withMoved.add(moved.read(moved.count - 1, new CopyRow()));
        moved = undefined;
        tap.group(device, withMoved, refresh);
      } else {
        tap.group(device, tokens, refresh);
        late?.();
        late = undefined;
      }
    },
  };
}

/**
 * `migrate --verify` works Synapse's session side out from the migration's
 * own reading (session-digest-tap.ts), with conditions of its own, and checks
 * what it relies on of the merge. Untouched, it must give what Synapse's
 * sorted source gives; a reading that drops a row, hands a group or a user
 * out of order, hands a group after a later user's row, or puts a row in
 * another group must give no digest (the comparison then goes row by row).
 */
describe('the session digests worked out from the migration’s reading', () => {
  it('agree with the sorted source, and are not given when the hand-over breaks what the tap relies on', async () => {
    const synapseUrl = await databaseWithSchema('synapse');
    await withClient(synapseUrl, insertRuleRows);
    const fromSource = await withClient(synapseUrl, (c) => expectedSessionDigests(c, serverName, start));
    expect(fromSource.map((d) => Number(d.rows))).toEqual([7, 7, 3]);
    const snapshot = await openSynapseSnapshot(connectorFor(synapseUrl), 'ACCESS SHARE', ['registration_tokens']);
    try {
      const digests = async (tamper: Tamper, streams = streamSql(S)) => {
        const tap = new SessionDigestTap(start, serverName, streams);
        const read = readUserMerge(synapseUrl, { ...sqlContext(S, false), tapColumns: tap.columns }, { tap: tampered(tap, tamper) });
        const found = tap.digestsAfter(read, snapshot);
        return { columns: tap.columns, digests: await Promise.all(sessionTables.map((table) => found.get(table))) };
      };
      // The values whose SQL is a stream's own column are read there: the tap adds only its conditions.
      const shared = await digests('none');
      expect(shared.digests).toEqual(fromSource);
      expect(shared.columns.tokens).toBe('(a.puppets_user_id IS NULL)');
      expect(shared.columns.refresh).toBe('');
      // Read from columns of its own where no stream column has the same SQL (here: none has).
      const apart = (list: readonly string[]) => list.map((sql) => `(${sql})`);
      const { users, devices, tokens, refresh } = streamSql(S);
      const unshared = await digests('none', {
        users: apart(users),
        devices: apart(devices),
        tokens: apart(tokens),
        refresh: apart(refresh),
      });
      expect(unshared.digests).toEqual(fromSource);
      expect(unshared.columns.tokens).toContain('a.token');
      const tampers = [
        'dropped token',
        'late group',
        'user after its groups',
        'token moved to the next group',
        "a user's last group after the next user",
      ] as const;
      for (const tamper of tampers) expect((await digests(tamper)).digests, tamper).toEqual([undefined, undefined, undefined]);
    } finally {
      await snapshot.close();
    }
  });
});
