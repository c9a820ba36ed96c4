import { stageQueries } from '../../src-main/engine/migration/mapping';
console.log("SET work_mem='32MB';\nSET max_parallel_workers_per_gather = 0;\n\\timing on");
for (const q of stageQueries) console.log(`COPY (${q.sql("':example.org'")}) TO '/dev/null' (FORMAT binary);`);
