import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadFixtureSchema, realMasSchemaPath, withClient } from '../helpers/pg-clients';
import { generateSynapseData } from '../fixtures/synapse-data';
import { parseBenchArgs } from './args';
import { writeBenchConfigs } from './bench-configs';
import { type BenchDirectory, startBenchDirectory } from './bench-directory';
import { openBenchServer } from './bench-server';
import { measureFloor } from './floor';
import { Figures } from './figures';
import {
  formatComparison,
  formatDirectoryComparison,
  formatFloor,
  formatRun,
  formatVerify,
  formatVerifyComparison,
  rowsWritten,
} from './print';
import { addFigures } from './round-figures';
import { type MigrationRun, migrateInChild, verifyInChild } from './run-child';

const serverName = 'example.org';
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () => loadavg()[0]!.toFixed(2);
const loads = (l: number[]) => l.map((n) => n.toFixed(2)).join(', ');
/**
 * Without huge pages each connection maps every shared page it touches on its own, 4 KB at a time: the
 * migration's many connections pay it many times where the floor's one pays once.
 */
const hugePagesHint = ' (each connection then maps the shared pages it reads on its own: see the README before comparing figures)';

/**
 * `npm run bench -- --users N`: a generated Synapse database, a real
 * migration in a child process (its own CPU time and peak memory), and the
 * strict floor of DESIGN.md measured on the same server in the same run.
 */
async function main(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const server = await openBenchServer();
  let keep = false;
  const configDirs: string[] = [];
  let directory: BenchDirectory | undefined;
  try {
    const synapse = await server.create('synapse');
    await loadFixtureSchema(synapse, 'synapse');
    const probe = await server.create('mas');
    const schema = await loadFixtureSchema(probe, 'mas');
    await server.drop(probe);
    // huge_pages_status (PostgreSQL 17+): whether shared memory got huge pages, see the README's "Benchmark".
    const { version, hugePages } = await withClient(
      synapse,
      async (c) =>
        (
          await c.query<{ version: string; hugePages: string | null }>(
            `SELECT current_setting('server_version') AS version, current_setting('huge_pages_status', true) AS "hugePages"`,
          )
        ).rows[0]!,
    );
    const where = server.embedded ? 'embedded, bulk-load settings' : 'TEST_PG_URL, its own settings';
    const schemaLabel =
      schema === 'reference' ? `MAS's real schema (${realMasSchemaPath})` : "the sandbox's MAS schema (../shared/reference absent)";
    process.stdout.write(
      `MAS Migrator benchmark: ${count(args.users)} Synapse users, ${args.writers} writers${args.ldap ? ', with the directory (--ldap)' : ''}\n` +
        `  PostgreSQL ${version} (${where}); ${schemaLabel}\n` +
        `  shared memory in huge pages: ${hugePages ?? 'unknown (before PostgreSQL 17)'}${hugePages === 'off' ? hugePagesHint : ''}\n` +
        `  machine: ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GB; load average ${load()} at the start\n`,
    );

    const t0 = performance.now();
    await withClient(synapse, (c) => generateSynapseData(c, { serverName, users: args.users }));
    // As on a homeserver that has been running: hint bits and visibility map set, so the first run to read the rows
    // (the migration) does not pay for writing them while the floor, reading later, gets them free.
    await withClient(synapse, (c) => c.query('VACUUM'));
    process.stdout.write(`  generated (and vacuumed) the Synapse database in ${((performance.now() - t0) / 1000).toFixed(1)} s\n\n`);

    if (args.ldap) {
      const t1 = performance.now();
      directory = await startBenchDirectory(args.users);
      process.stdout.write(
        `  loaded ${count(args.users)} directory entries into slapd in ${((performance.now() - t1) / 1000).toFixed(1)} s\n\n`,
      );
    }
    const loadBefore = loadavg();
    const figures = new Figures();
    const serverDataDir = server.dataDir ? { serverDataDir: server.dataDir } : {};
    /** A fresh MAS database with its schema, and the configs that name it. */
    const freshMas = async (withDirectory = true) => {
      const url = await server.create('mas');
      await loadFixtureSchema(url, 'mas');
      const { source, dir } = await writeBenchConfigs(serverName, synapse, url, withDirectory ? directory : undefined);
      configDirs.push(dir);
      return { url, source };
    };
    let kept: { mas: string; floor: string } | undefined;
    for (let round = 1; round <= args.repeat; round++) {
      if (args.repeat > 1) process.stdout.write(`── Round ${round} of ${args.repeat} (load average ${load()}) ──\n\n`);
      const mas = await freshMas();
      const start = { source: mas.source, writers: args.writers, ...serverDataDir };
      let dry: MigrationRun | undefined;
      if (args.dryRun) {
        dry = await migrateInChild({ ...start, dryRun: true }, args.profileDir);
        process.stdout.write(`${formatRun('Dry run', dry)}\n`);
      }
      const real = await migrateInChild({ ...start, dryRun: false }, args.profileDir);
      if (round === 1) {
        const rows = real.report.rowsWritten;
        process.stdout.write(
          `Dataset: ${count(args.users)} users → ${count(rowsWritten(real))} MAS rows (${Object.entries(rows)
            .map(([t, n]) => `${t} ${count(n)}`)
            .join(', ')})\n\n`,
        );
      }
      process.stdout.write(`${formatRun('Migration (real run)', real)}\n`);
      const verified = args.verify ? await verifyInChild({ source: mas.source, ...serverDataDir }, args.profileDir) : undefined;
      if (verified) process.stdout.write(`${formatVerify('verify (after the run, its own process)', verified)}\n`);
      const floorDb = await server.create('floor');
      await loadFixtureSchema(floorDb, 'mas');
      const floor = await measureFloor({ synapseUrl: synapse, masUrl: mas.url, floorUrl: floorDb, ...serverDataDir });
      process.stdout.write(`${formatFloor(floor)}\n${formatComparison(real, floor, dry)}`);
      let provedRun: MigrationRun | undefined;
      if (args.verify) {
        const proved = await freshMas();
        provedRun = await migrateInChild({ source: proved.source, writers: args.writers, ...serverDataDir, dryRun: false, verify: true });
        const outcome = provedRun.report.verification?.outcome;
        if (outcome !== 'match') throw new Error(`migrate --verify found ${outcome ?? 'no verification'}`);
        process.stdout.write(`${formatVerify('migrate --verify (a fresh MAS database)', provedRun)}\n`);
        await server.drop(proved.url);
      }
      process.stdout.write(`${formatVerifyComparison(real, verified, provedRun)}\n`);
      let plainRun: MigrationRun | undefined;
      if (directory) {
        // The same Synapse database migrated without the module and its provider: what the directory costs.
        const plain = await freshMas(false);
        plainRun = await migrateInChild({ source: plain.source, writers: args.writers, ...serverDataDir, dryRun: false });
        process.stdout.write(`${formatRun('Migration without the directory (same Synapse database)', plainRun)}\n`);
        process.stdout.write(`${formatDirectoryComparison(real, plainRun)}\n`);
        await server.drop(plain.url);
      }
      addFigures(figures, {
        real,
        floor,
        ...(verified ? { verified } : {}),
        ...(provedRun ? { provedRun } : {}),
        ...(plainRun ? { plainRun } : {}),
      });
      if (kept) await Promise.all([server.drop(kept.mas), server.drop(kept.floor)]);
      kept = { mas: mas.url, floor: floorDb };
    }
    const loadAfter = loadavg();
    process.stdout.write(
      `\n${figures.format(`Figures of ${args.repeat} run(s) at ${count(args.users)} users`)}` +
        `  load average (1, 5, 15 min): ${loads(loadBefore)} at the start, ${loads(loadAfter)} at the end; ${availableParallelism()} cores\n`,
    );
    const sizes = await withClient(
      synapse,
      async (c) =>
        (
          await c.query<{ gb: number }>(
            'SELECT sum(pg_database_size(datname))::float8 / 2^30 AS gb FROM pg_database WHERE datname = ANY($1)',
            [[synapse, kept!.mas, kept!.floor].map((u) => new URL(u).pathname.slice(1))],
          )
        ).rows[0]!.gb,
    );
    process.stdout.write(`Disk: the last run's three databases take ${sizes.toFixed(1)} GB.\n`);

    if (args.keep) {
      keep = true;
      process.stdout.write(`\nKept databases:\n  Synapse ${synapse}\n  MAS     ${kept!.mas}\n  floor   ${kept!.floor}\n`);
      if (server.embedded) {
        process.stdout.write('The embedded server stays up until Ctrl-C.\n');
        await new Promise((resolve) => process.once('SIGINT', resolve));
      }
    }
  } finally {
    for (const dir of configDirs) await rm(dir, { recursive: true, force: true });
    await directory?.slapd.stop();
    await server.close(keep && !server.embedded);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
