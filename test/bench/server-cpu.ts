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
 * CPU time (ms) the PostgreSQL server has used so far: the postmaster with
 * its exited children (cutime/cstime: closed connections) plus every live
 * child (backends, parallel workers, WAL writer, checkpointer). Unlike wall
 * time, this does not grow when other programs share the cores. A child
 * reaped while the children are read would be counted in neither place, so
 * the postmaster is read before and after, until nothing was reaped between.
 */
export function serverCpuMs(dataDir: string): number {
  const postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  const own = () => {
    const f = statFields(postmaster);
    if (!f) throw new Error(`PostgreSQL postmaster ${postmaster} is not running`);
    return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  };
  for (;;) {
    const before = own();
    let children = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const f = statFields(entry);
      if (f && f[1] === postmaster) children += Number(f[11]) + Number(f[12]);
    }
    if (own() === before) return (before + children) * tickMs;
  }
}

/** Wall time and CPU time at one instant: this process's, and the server's when its processes are visible. */
export interface ClockReading {
  wallMs: number;
  processCpuMs: number;
  serverCpuMs?: number;
}

export function readClock(serverDataDir?: string): ClockReading {
  const cpu = process.cpuUsage();
  return {
    wallMs: performance.now(),
    processCpuMs: (cpu.user + cpu.system) / 1000,
    ...(serverDataDir ? { serverCpuMs: serverCpuMs(serverDataDir) } : {}),
  };
}

/** What passed between two readings. */
export function between(from: ClockReading, to: ClockReading): ClockReading {
  return {
    wallMs: to.wallMs - from.wallMs,
    processCpuMs: to.processCpuMs - from.processCpuMs,
    ...(from.serverCpuMs !== undefined && to.serverCpuMs !== undefined ? { serverCpuMs: to.serverCpuMs - from.serverCpuMs } : {}),
  };
}
