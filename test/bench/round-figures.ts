import type { Figures } from './figures';
import type { FloorRun } from './floor';
import { cpuTotal } from './print';
import type { MigrationRun, VerifyRun } from './run-child';

export interface Round {
  real: MigrationRun;
  floor: FloorRun;
  verified?: VerifyRun;
  provedRun?: MigrationRun;
  /** --ldap: the same Synapse database migrated without the directory. */
  plainRun?: MigrationRun;
}

const over = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a / b);

/** The figures one round of the bench adds (times in ms, memory in kB). */
export function addFigures(figures: Figures, { real, floor, verified, provedRun, plainRun }: Round): void {
  figures.add('migration, wall', 's', real.total.wallMs);
  figures.add('migration, CPU (PostgreSQL + client)', 's', cpuTotal(real.total));
  figures.add('strict floor, wall', 's', floor.total.wallMs);
  figures.add('strict floor, CPU (PostgreSQL + client)', 's', cpuTotal(floor.total));
  figures.add('migration / floor, wall', 'ratio', real.total.wallMs / floor.total.wallMs);
  figures.add('migration / floor, CPU', 'ratio', over(cpuTotal(real.total), cpuTotal(floor.total)));
  figures.add('migration, set-up phase, CPU PostgreSQL', 's', real.phases['setting-up']?.serverCpuMs);
  figures.add("migration, PostgreSQL's minor page faults", 'count', real.total.serverFaults);
  figures.add("strict floor, PostgreSQL's minor page faults", 'count', floor.total.serverFaults);
  figures.add('migration, peak RSS', 'MB', real.maxRssKb);
  if (verified) {
    figures.add('verify, wall', 's', verified.total.wallMs);
    figures.add('verify, CPU (PostgreSQL + client)', 's', cpuTotal(verified.total));
    figures.add('verify / migration, wall', 'ratio', verified.total.wallMs / real.total.wallMs);
    figures.add('verify / migration, CPU', 'ratio', over(cpuTotal(verified.total), cpuTotal(real.total)));
    figures.add('verify, peak RSS', 'MB', verified.maxRssKb);
  }
  if (provedRun) {
    figures.add('migrate --verify, wall', 's', provedRun.total.wallMs);
    figures.add('migrate --verify / migrate, wall', 'ratio', provedRun.total.wallMs / real.total.wallMs);
    figures.add('migrate --verify / migrate, CPU', 'ratio', over(cpuTotal(provedRun.total), cpuTotal(real.total)));
    figures.add('migrate --verify, peak RSS', 'MB', provedRun.maxRssKb);
  }
  if (plainRun) {
    figures.add('without the directory, CPU (PostgreSQL + client)', 's', cpuTotal(plainRun.total));
    figures.add('with the directory / without, wall', 'ratio', real.total.wallMs / plainRun.total.wallMs);
    figures.add('with the directory / without, CPU', 'ratio', over(cpuTotal(real.total), cpuTotal(plainRun.total)));
  }
}
