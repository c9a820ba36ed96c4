import { stagePlans } from '../../src-main/engine/mapping';
import { sqlContext } from '../../src-main/engine/synapse/sql-context';
const q = sqlContext("':example.org'", true);
console.log("SET work_mem='32MB';\nSET max_parallel_workers_per_gather = 0;\n\\timing on");
for (const p of stagePlans) for (const select of p.selects(q)) console.log(`COPY (${select}) TO '/dev/null' (FORMAT binary);`);
