import { CopyRows } from '../../src-main/connect/postgres/copy-binary';
import { copyOut } from '../../src-main/connect/postgres/copy-out';
import { connect } from '../../src-main/connect/postgres/pg-helpers';
import { type MappingContext, noNotices, type SqlContext } from '../../src-main/engine/mapping/stage';
import { userMergePlan } from '../../src-main/engine/mapping/user-merge';
import { IdMinter } from '../../src-main/engine/mas/ulid-ids';
import { connectorFor } from './pg-clients';

/**
 * The user merge's reading of a Synapse database (user-merge.ts), as a run
 * reads it, its rows mapped and then dropped (nothing is written): for
 * what sees the reading itself (the order it checks, a tap).
 */
export async function readUserMerge(synapseUrl: string, sql: SqlContext, more: Partial<MappingContext> = {}): Promise<void> {
  const db = connectorFor(synapseUrl);
  const selects = userMergePlan.selects(sql);
  const readers = await Promise.all(selects.map(() => connect('Synapse', db, 'reader')));
  try {
    const out = Array.from({ length: 8 }, () => new CopyRows());
    const ctx: MappingContext = {
      ids: new IdMinter(),
      startMs: 0,
      userIdSuffix: Buffer.from(sql.serverSuffix.slice(1, -1)),
      providerUuids: new Map(),
      notices: noNotices(),
      ...more,
    };
    await userMergePlan.read(
      selects.map((select, i) => copyOut(readers[i]!, select)),
      {
        // The plan's stages' outputs (user-merge.ts): devices, access tokens, pairs, threepids, links, users.
        out: [[out[0]!], [out[1]!, out[0]!], [out[1]!, out[2]!], [out[3]!, out[4]!], [out[5]!], [out[6]!, out[7]!]],
        count: () => {},
        // Rows are dropped as they come: memory holds a batch.
        between: () => {
          for (const rows of out) rows.take();
          return undefined;
        },
      },
      ctx,
    );
  } finally {
    await Promise.all(readers.map((r) => r.end()));
  }
}
