import pg from 'pg';
import { masSessionRowsSql, masRowsSelect } from '../../src-main/engine/verify/mas-rows';
const m = new pg.Client(process.argv[2]); await m.connect();
await m.query("BEGIN; SET LOCAL work_mem = '64MB'; SET LOCAL enable_nestloop = off; SET LOCAL max_parallel_workers_per_gather = 0");
const dig = (sel: string) => `SELECT count(*), sum(hashtextextended(r,0)) FROM (SELECT d::text AS r FROM (${sel}) d OFFSET 0) t`;
let a = performance.now(); await m.query(`SELECT count(*) FROM (${masSessionRowsSql("':example.org'")}) x`); console.log('sessions', (performance.now()-a).toFixed(0));
for (const t of ['users','user_passwords','user_emails','user_unsupported_third_party_ids','upstream_oauth_links'] as const) { a = performance.now(); await m.query(dig(masRowsSelect(t))); console.log(t, (performance.now()-a).toFixed(0)); }
await m.end();
