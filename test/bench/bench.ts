import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadFixtureSchema, withClient } from '../helpers/pg-clients';
import { generateSynapseData } from '../fixtures/synapse-data';
import { parseBenchArgs } from './args';
import { writeBenchConfigs } from './bench-configs';
import { openBenchServer } from './bench-server';
import { measureFloor } from './floor';
import { formatComparison, formatFloor, formatRun } from './print';
import { type MigrationRun, migrateInChild } from './run-child';

const serverName = 'example.org';

/**
 * `npm run bench -- --users N`: a generated Synapse database, a real
 * migration in a child process (its own peak memory), and the time
 * PostgreSQL alone needs for the same work on the same server.
 */
async function main(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const server = await openBenchServer();
  let keep = false;
  let configDir: string | undefined;
  try {
    const [synapse, mas, floorDb] = [await server.create('synapse'), await server.create('mas'), await server.create('floor')];
    await Promise.all([loadFixtureSchema(synapse, 'synapse'), loadFixtureSchema(mas, 'mas'), loadFixtureSchema(floorDb, 'mas')]);
    const version = await withClient(
      synapse,
      async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v,
    );
    const where = server.embedded ? 'embedded, bulk-load settings' : 'TEST_PG_URL';
    process.stdout.write(
      `MAS Migrator benchmark: ${args.users.toLocaleString('en-US')} users, PostgreSQL ${version} (${where}), ${args.writers} writers\n`,
    );

    const t0 = performance.now();
    await withClient(synapse, (c) => generateSynapseData(c, { serverName, users: args.users }));
    process.stdout.write(`Generated the Synapse database in ${((performance.now() - t0) / 1000).toFixed(1)} s\n\n`);

    const { source, dir } = await writeBenchConfigs(serverName, synapse, mas);
    configDir = dir;
    const measure = { ...(args.profileDir ? { profileDir: args.profileDir } : {}), ...(server.cpuMs ? { serverCpuMs: server.cpuMs } : {}) };
    let dry: MigrationRun | undefined;
    if (args.dryRun) {
      dry = await migrateInChild({ source, dryRun: true, writers: args.writers }, measure);
      process.stdout.write(`${formatRun('Dry run', dry)}\n`);
    }
    const real = await migrateInChild({ source, dryRun: false, writers: args.writers }, measure);
    process.stdout.write(`${formatRun('Migration', real)}\n`);
    const floor = await measureFloor({
      serverName,
      synapseUrl: synapse,
      masUrl: mas,
      floorUrl: floorDb,
      ...(server.cpuMs ? { serverCpuMs: server.cpuMs } : {}),
    });
    process.stdout.write(`${formatFloor(floor)}\n${formatComparison(real, floor, dry)}`);

    if (args.keep) {
      keep = true;
      process.stdout.write(`\nKept databases:\n  Synapse ${synapse}\n  MAS     ${mas}\n  floor   ${floorDb}\n`);
      if (server.embedded) {
        process.stdout.write('The embedded server stays up until Ctrl-C.\n');
        await new Promise((resolve) => process.once('SIGINT', resolve));
      }
    }
  } finally {
    if (configDir) await rm(configDir, { recursive: true, force: true });
    await server.close(keep && !server.embedded);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
