import { defaultWriters } from '../../src-main/engine/run/migration-settings';

export interface BenchArgs {
  users: number;
  /** Keep the databases (and the embedded server, until Ctrl-C) and print their URIs. */
  keep: boolean;
  /** Run a dry run first, then the real run, and compare them. */
  dryRun: boolean;
  /** Write a V8 CPU profile of the migrating process to this folder. */
  profileDir?: string;
  writers: number;
  /** Migration and floor (and verify) this many times, alternately, then each figure's median and range. */
  repeat: number;
  /** Time `verify` after each real run, and `migrate --verify` on a fresh MAS database. */
  verify: boolean;
  /** A directory entry per user in a throwaway slapd, and the module and provider that link them (SPEC §11). */
  ldap: boolean;
}

export const benchUsage = `Usage: npm run bench -- --users N [--keep] [--dry-run] [--writers N] [--repeat N] [--verify] [--cpu-prof DIR] [--ldap]

  --users N      size of the generated Synapse database (default 10000)
  --keep         keep the databases and print their URIs (an embedded server stays up until Ctrl-C)
  --dry-run      run a dry run before the real run and compare the two
  --writers N    MAS writer connections (default ${defaultWriters}, as the CLI)
  --repeat N     run migration and floor N times, alternately, and print each figure's median and range
  --verify       also time \`verify\` after each run (verify / migration) and \`migrate --verify\` (against \`migrate\`)
  --cpu-prof DIR write a CPU profile of the migrating (and verifying) processes (node --cpu-prof) to DIR
  --ldap         also a throwaway slapd (Debian's) with one entry per user: the run reads it and links every user

Uses TEST_PG_URL when set, else starts a throwaway PostgreSQL.
`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value?.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got "${value ?? ''}".\n\n${benchUsage}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { users: 10_000, keep: false, dryRun: false, writers: defaultWriters, repeat: 1, verify: false, ldap: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--users') args.users = positiveInt(flag, argv[++i]);
    else if (flag === '--writers') args.writers = positiveInt(flag, argv[++i]);
    else if (flag === '--repeat') args.repeat = positiveInt(flag, argv[++i]);
    else if (flag === '--verify') args.verify = true;
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--dry-run') args.dryRun = true;
    else if (flag === '--ldap') args.ldap = true;
    else if (flag === '--cpu-prof') {
      const dir = argv[++i];
      if (!dir) throw new Error(`--cpu-prof needs a folder.\n\n${benchUsage}`);
      args.profileDir = dir;
    } else throw new Error(`Unknown option "${flag}".\n\n${benchUsage}`);
  }
  return args;
}
