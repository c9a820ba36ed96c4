import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { RecordHashSum, timestampOfMicros } from '../../../src-main/engine/verify/record-hash-sum';
import { micros } from '../../../src-main/engine/verify/mas-rows';
import { recordDigestOf, rowTerms } from '../../../src-main/engine/verify/table-digest';
import { serverUrl, withClient } from '../../helpers/databases';

/**
 * How a test value (text) is given to RecordHashSum: a text as a string or as bytes amid others in a buffer, a flag
 * as t or f, a timestamptz as microseconds (the migration start's form) or as milliseconds (Synapse's), a ULID's time
 * as milliseconds.
 */
type HashedAs = 'text' | 'bytes' | 'bool' | 'micros' | 'ms' | 'ulid-ms';

function hashValue(sum: RecordHashSum, value: string | null, as: HashedAs): void {
  if (value === null) sum.nullValue();
  else if (as === 'text') sum.text(value);
  else if (as === 'bytes') {
    const bytes = Buffer.from(`\u0000${value}\u0000`);
    sum.bytes(bytes, 1, bytes.length - 2);
  } else if (as === 'bool') sum.bool(value === 't');
  else if (as === 'micros') sum.timestamp(timestampOfMicros(value));
  else if (as === 'ms') sum.timestampMs(Number(value));
  else sum.ulidMs(Number(value));
}

const digestOf = (rows: Iterable<(string | null)[]>, types: HashedAs[]) => {
  const sum = new RecordHashSum();
  for (const row of rows) {
    sum.beginRow();
    for (let i = 0; i < row.length; i++) hashValue(sum, row[i] ?? null, types[i]!);
    sum.endRow();
  }
  return sum.digest();
};

type Hashes = { a: string; b: string };
/** A one-row digest's sums as recordDigestOf computes them: the record's hash, its two words hashed again (rowTerms). */
const hashesSql = (record: string) => {
  const terms = rowTerms(`hash_record_extended(${record}, 0)`);
  return `${terms.a}::text AS a, ${terms.b}::text AS b`;
};

/** Each one-column row's hashes in this process, held to PostgreSQL's. */
function expectEach(values: (string | null)[], types: HashedAs[], hashes: Hashes[]) {
  values.forEach((value, i) => {
    const { rows, a, b } = digestOf([[value]], types);
    expect({ rows, a, b }, JSON.stringify(value)).toEqual({ rows: '1', a: hashes[i]!.a, b: hashes[i]!.b });
  });
}

/**
 * The session side's digest is worked out in this process and held to one
 * PostgreSQL computes of MAS's rows in their own types (session-digests.ts):
 * each type's hash, and the record's, must be PostgreSQL's own, to the bit,
 * or no migration could ever be proven.
 */
describe("PostgreSQL's hash_record_extended, summed in this process", () => {
  it('hashes text as PostgreSQL does, at every length and in every script', async () => {
    const texts = ['', ' ', 'a', '@alice:example.org', 'ünïcødé ✓', '😀 and 🚀', 'tab\there', '\\x0002', '"quoted"', 'e\u0301'];
    for (let n = 0; n <= 40; n++) texts.push('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ'.slice(0, n), 'é'.repeat(n));
    // Longer than any text before: the bytes are put in a larger buffer, the hash taken of that one.
    texts.push('Mozilla/5.0 '.repeat(500), `${'a'.repeat(3000)}é`, '€'.repeat(9000), 'short after long');
    const { rows } = await withClient(serverUrl(), (c) =>
      c.query<Hashes>(`SELECT ${hashesSql('ROW(t)')} FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`, [texts]),
    );
    expectEach(texts, ['text'], rows);
    expectEach(texts, ['bytes'], rows);
  });

  it('hashes a timestamptz from its microseconds or its milliseconds, before and after 2000, up to the year 9999', async () => {
    const { rows } = await withClient(serverUrl(), (c) =>
      c.query<Hashes & { micros: string }>(
        `SELECT ${micros('t')}::text AS micros, ${hashesSql('ROW(t)')}
         FROM (SELECT unnest(ARRAY['1970-01-01 00:00:00+00', '1999-12-31 23:59:59.999+00', '2000-01-01 00:00:00+00',
                 '2000-01-01 00:00:00.001+00', '2023-11-14 22:13:20.123+00', '2255-06-01 00:00:00+00',
                 '9999-12-31 23:59:59.999+00']::timestamptz[]) AS t
               UNION ALL SELECT timestamptz '1970-01-01 00:00:00+00' + i * interval '1234 days 3 hours 0.007 seconds'
               FROM generate_series(1, 2000) AS i) AS s`,
      ),
    );
    expectEach(
      rows.map((r) => r.micros),
      ['micros'],
      rows,
    );
    const whole = rows.filter((r) => r.micros.endsWith('000') || r.micros === '0');
    expect(whole.length).toBeGreaterThan(100);
    expectEach(
      whole.map((r) => (r.micros === '0' ? '0' : r.micros.slice(0, -3))),
      ['ms'],
      whole,
    );
  });

  it("hashes a flag, and a ULID's time as its first six bytes", async () => {
    const flags = await withClient(serverUrl(), (c) =>
      c.query<Hashes>(`SELECT ${hashesSql('ROW(f)')} FROM unnest(ARRAY[true, false]) WITH ORDINALITY AS u(f, i) ORDER BY i`),
    );
    expectEach(['t', 'f'], ['bool'], flags.rows);
    const ms = [0, 1, 255, 256, 1_700_000_000_123, 2 ** 48 - 1];
    const { rows } = await withClient(serverUrl(), (c) =>
      c.query<Hashes>(
        `SELECT ${hashesSql('ROW(substring(uuid_send(u) FOR 6))')}
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(u, i) ORDER BY i`,
        [ms.map((m) => `${m.toString(16).padStart(12, '0')}7abc8def9a0b1c2d3e4f`.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'))],
      ),
    );
    expectEach(ms.map(String), ['ulid-ms'], rows);
  });

  it('hashes an IP address as PostgreSQL hashes an inet of one host', async () => {
    const ips = ['0.0.0.0', '10.1.2.3', '255.255.255.255', '192.168.0.1', '::', '::1', '2001:db8::1', '::ffff:10.0.0.1', 'fe80::a:b:c:d'];
    const { rows } = await withClient(serverUrl(), (c) =>
      c.query<Hashes>(`SELECT ${hashesSql('ROW(ip)')} FROM unnest($1::inet[]) WITH ORDINALITY AS u(ip, i) ORDER BY i`, [ips]),
    );
    ips.forEach((ip, i) => {
      const sum = new RecordHashSum();
      sum.beginRow();
      sum.inet(ipaddr.parse(ip).toByteArray());
      sum.endRow();
      expect(sum.digest(), ip).toEqual({ rows: '1', a: rows[i]!.a, b: rows[i]!.b, marked: '0' });
      if (!ip.includes('.') || ip.includes(':')) return;
      const asNumber = new RecordHashSum();
      asNumber.beginRow();
      asNumber.ipv4(ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0));
      asNumber.endRow();
      expect(asNumber.digest(), ip).toEqual(sum.digest());
    });
  });

  it("combines a row's values, NULLs among them, as PostgreSQL combines a record's", async () => {
    const types: HashedAs[] = ['text', 'bytes', 'micros', 'bool', 'ms', 'ulid-ms'];
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 500; i++) {
      const ms = 1_600_000_000_000 + i * 7_777_777;
      rows.push([
        `@user${i}:example.org`,
        i % 3 === 0 ? null : `DEVICE${i}`,
        `${ms}000`,
        i % 5 === 0 ? null : i % 2 === 0 ? 't' : 'f',
        i % 4 === 0 ? null : String(ms + 1),
        String(ms),
      ]);
    }
    const iso = (msText: string | null) => (msText === null ? null : new Date(Number(msText)).toISOString());
    const ulid = (msText: string) => `${Number(msText).toString(16).padStart(12, '0')}00000000000000000000`;
    const found = await withClient(serverUrl(), async (c) => {
      await c.query(
        `CREATE TEMP TABLE typed AS SELECT u, dev, t1, f, t2, substring(decode(x, 'hex') FOR 6) AS ulid
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bool[], $5::timestamptz[], $6::text[]) AS r(u, dev, t1, f, t2, x)`,
        [
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
          rows.map((r) => iso(r[2]!.slice(0, -3))),
          rows.map((r) => (r[3] === null ? null : r[3] === 't')),
          rows.map((r) => iso(r[4]!)),
          rows.map((r) => ulid(r[5]!)),
        ],
      );
      return recordDigestOf(c, 'SELECT * FROM typed');
    });
    expect(digestOf(rows, types)).toEqual(found);
    expect(digestOf([], types)).toEqual({ rows: '0', a: '0', b: '0', marked: '0' });
  });

  it('sums over a million rows exactly as PostgreSQL sums them in numeric', async () => {
    const n = 1_100_000; // past the point where the running sums are folded into exact integers
    const found = await withClient(serverUrl(), (c) => recordDigestOf(c, `SELECT i::text FROM generate_series(1, ${n}) AS i`));
    const texts = function* () {
      for (let i = 1; i <= n; i++) yield [String(i)];
    };
    expect(digestOf(texts(), ['text'])).toEqual(found);
  });

  it("sees a column's values swapped between two rows, which a sum of record hashes cannot", async () => {
    // Two tokens given each other's device: the same values, in the same columns, in other rows.
    const right = "SELECT * FROM (VALUES (1, '@a:s', 'syt_1', 'D1'), (2, '@a:s', 'syt_2', 'D2')) AS v(i, u, token, device)";
    const swapped = "SELECT * FROM (VALUES (1, '@a:s', 'syt_1', 'D2'), (2, '@a:s', 'syt_2', 'D1')) AS v(i, u, token, device)";
    const linear = (select: string) =>
      `SELECT sum(hash_record_extended(r, 0))::text AS sum FROM (SELECT u, token, device FROM (${select}) AS s) AS r`;
    await withClient(serverUrl(), async (c) => {
      const sums = await Promise.all([right, swapped].map(async (select) => (await c.query(linear(select))).rows[0].sum));
      expect(sums[0]).toBe(sums[1]);
      const [a, b] = await Promise.all(
        [right, swapped].map((select) => recordDigestOf(c, `SELECT u, token, device FROM (${select}) AS s`)),
      );
      expect(a!.rows).toBe(b!.rows);
      expect(a!.a).not.toBe(b!.a);
      expect(a!.b).not.toBe(b!.b);
      const rows = (devices: string[]) => devices.map((d, i) => ['@a:s', `syt_${i + 1}`, d]);
      expect(digestOf(rows(['D1', 'D2']), ['text', 'text', 'text'])).toEqual(a);
      expect(digestOf(rows(['D2', 'D1']), ['text', 'text', 'text'])).toEqual(b);
    });
  });
});
