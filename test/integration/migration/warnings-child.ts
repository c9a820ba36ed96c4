import { checkDatabases } from '../../../src-main/engine/run/database-checks';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { ruleSettings } from './rules-fixture';

/**
 * Runs a check, a dry run and a real migration of the databases named on the
 * command line, in a process of its own (started with --throw-deprecation by
 * no-warnings.test.ts): any warning Node emits is printed and fails the exit code.
 */
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));
const [synapse, mas] = process.argv.slice(2) as [string, string];
const settings = ruleSettings(synapse, mas);
try {
  await checkDatabases(settings);
  await runMigration({ ...settings, dryRun: true });
  await runMigration(settings);
} catch (error) {
  warnings.push(`thrown: ${error instanceof Error ? error.message : String(error)}`);
}
for (const w of warnings) process.stderr.write(`${w}\n`);
process.exitCode = warnings.length ? 1 : 0;
