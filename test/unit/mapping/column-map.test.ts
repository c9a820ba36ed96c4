import { describe, expect, it } from 'vitest';
import { columnMap, selectList } from '../../../src-main/connect/postgres/column-map';
import { deviceColumns, devicesSelect } from '../../../src-main/engine/mapping/user-streams';

describe('column maps', () => {
  it('number the columns in order and write the SELECT list in the same order', () => {
    const columns = columnMap(['name', 'hash', 'admin']);
    expect(columns).toEqual({ name: 0, hash: 1, admin: 2 });
    expect(selectList(columns, { admin: 'u.admin <> 0', name: 'u.name', hash: 'u.password_hash' })).toBe(
      'u.name, u.password_hash, u.admin <> 0',
    );
  });

  it("a stream's query reads each named column where the map says", () => {
    const sql = devicesSelect({ serverSuffix: "':example.org'", orderBy: (...c) => `ORDER BY ${c.join(', ')}` });
    const list = sql.slice(sql.indexOf('SELECT') + 6, sql.indexOf('FROM devices')).trim();
    expect(list.startsWith('d.user_id, d.device_id, d.display_name, d.last_seen::bigint, d.ip, d.user_agent, ')).toBe(true);
    expect(deviceColumns.ip).toBe(4);
    expect(deviceColumns.reason).toBe(6);
  });
});
