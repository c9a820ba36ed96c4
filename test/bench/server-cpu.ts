import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const tickMs = 10;

function statFields(pid: string | number): string[] | undefined {
  try {
    // Fields after "pid (comm) ": state, ppid, …; the command name may hold spaces, so split after its ")".
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) the PostgreSQL server has used so far, and its minor page
 * faults: the postmaster with its exited children (cutime/cstime, cminflt:
 * closed connections) plus every live child (backends, parallel workers, WAL
 * writer, checkpointer). Unlike wall time, CPU time does not grow when other
 * programs share the cores. The faults show how often the server's processes
 * mapped memory page by page (shared memory once per process without huge
 * pages: see the README's "Benchmark"). A child reaped while the children are
 * read would be counted in neither place, so the postmaster is read before
 * and after, until nothing was reaped between.
 */
export function serverUsage(dataDir: string): { cpuMs: number; minorFaults: number } {
  const postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  const own = () => {
    const f = statFields(postmaster);
    if (!f) throw new Error(`PostgreSQL postmaster ${postmaster} is not running`);
    return { ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]), faults: Number(f[7]) + Number(f[8]) };
  };
  for (;;) {
    const before = own();
    let ticks = 0;
    let faults = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const f = statFields(entry);
      if (!f || f[1] !== postmaster) continue;
      ticks += Number(f[11]) + Number(f[12]);
      faults += Number(f[7]);
    }
    const after = own();
    if (after.ticks === before.ticks && after.faults === before.faults)
      return { cpuMs: (before.ticks + ticks) * tickMs, minorFaults: before.faults + faults };
  }
}

/** Wall time and CPU time at one instant: this process's, and the server's when its processes are visible. */
export interface ClockReading {
  wallMs: number;
  processCpuMs: number;
  serverCpuMs?: number;
  /** The server's minor page faults so far, with serverCpuMs. */
  serverFaults?: number;
}

export function readClock(serverDataDir?: string): ClockReading {
  const cpu = process.cpuUsage();
  return {
    wallMs: performance.now(),
    processCpuMs: (cpu.user + cpu.system) / 1000,
    ...(serverDataDir ? server(serverUsage(serverDataDir)) : {}),
  };
}

const server = (u: { cpuMs: number; minorFaults: number }) => ({ serverCpuMs: u.cpuMs, serverFaults: u.minorFaults });

/** What passed between two readings. */
export function between(from: ClockReading, to: ClockReading): ClockReading {
  return {
    wallMs: to.wallMs - from.wallMs,
    processCpuMs: to.processCpuMs - from.processCpuMs,
    ...(from.serverCpuMs !== undefined && to.serverCpuMs !== undefined
      ? server({ cpuMs: to.serverCpuMs - from.serverCpuMs, minorFaults: (to.serverFaults ?? 0) - (from.serverFaults ?? 0) })
      : {}),
  };
}
