import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../connect/files/atomic-file';
import { endLocalSlapd } from '../connect/ldap/local-slapd';
import type { RunningSandbox } from './sandbox';

/** The one sandbox of a host, with the profile made for it. */
export interface RegisteredSandbox {
  sandbox: RunningSandbox;
  profileId: string;
  users: number;
}

/** What a running sandbox leaves in the data folder, so the next start can clean up after a crash. */
interface SandboxMarker {
  profileId: string;
  folders: string[];
  /** The process that runs the sandbox: while it lives (another host on the same data folder), its sandbox is not left over. */
  pid: number;
  /** The directory's slapd, when the sandbox has one: ended with its folder. */
  slapd?: { pid: number; folder: string };
}

/** Whether a process runs (a reused pid only makes a leftover wait for a later start, never removes a live sandbox). */
function isRunning(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Only the temp folders a sandbox makes are ever removed from a marker's list (a tampered marker removes nothing else). */
function isSandboxFolder(folder: string): boolean {
  return dirname(resolve(folder)) === resolve(tmpdir()) && /^mas-migrator-(sandbox|pg|slapd)-[A-Za-z0-9]+$/.test(basename(folder));
}

/**
 * A host's sandbox: started once (concurrent callers share the start), stopped on request.
 * While one runs, a marker in the data folder names its profile and folders.
 */
export class SandboxRegistry {
  #running: RegisteredSandbox | undefined;
  #starting: Promise<RegisteredSandbox> | undefined;
  readonly #marker: string | undefined;

  /** `dataDir` is where the marker lives; without one, nothing outlives the process's memory. */
  constructor(dataDir?: string) {
    this.#marker = dataDir ? join(dataDir, 'sandbox-running.json') : undefined;
  }

  get current(): RegisteredSandbox | undefined {
    return this.#running;
  }

  async ensure(start: () => Promise<RegisteredSandbox>): Promise<RegisteredSandbox> {
    if (this.#running) return this.#running;
    this.#starting ??= start()
      .then(async (registered) => {
        const { folders, slapd } = registered.sandbox;
        const marker: SandboxMarker = {
          profileId: registered.profileId,
          folders,
          pid: process.pid,
          ...(slapd ? { slapd: { pid: slapd.pid, folder: slapd.folder } } : {}),
        };
        if (this.#marker) await writeFileAtomic(this.#marker, `${JSON.stringify(marker)}\n`);
        return registered;
      })
      .finally(() => {
        this.#starting = undefined;
      });
    this.#running = await this.#starting;
    return this.#running;
  }

  /** Stops the sandbox; answers the one stopped (its profile is the caller's to remove), or undefined when none ran. */
  async stop(): Promise<RegisteredSandbox | undefined> {
    const registered = this.#running;
    if (!registered) return undefined;
    this.#running = undefined;
    await registered.sandbox.stop();
    if (this.#marker) await rm(this.#marker, { force: true });
    return registered;
  }

  /**
   * A sandbox an earlier run did not stop (the app crashed or was killed): its folders are removed and
   * the id of its profile answered, for the caller to remove. Its PostgreSQL, if still running, shuts
   * itself down within about two minutes once its data folder is gone: the postmaster checks every
   * minute that its postmaster.pid still exists (PostgreSQL commit 7e2a18a, "Perform an immediate
   * shutdown if the postmaster.pid file is removed", back-patched to every branch supported in 2015).
   * slapd has no such check: it is ended, if it is still the marker's slapd of the marker's folder.
   */
  async clearLeftover(): Promise<string | undefined> {
    if (!this.#marker || this.#running || this.#starting) return undefined;
    let marker: SandboxMarker;
    try {
      marker = JSON.parse(await readFile(this.#marker, 'utf8')) as SandboxMarker;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      await rm(this.#marker, { force: true }); // unreadable: nothing in it can be trusted
      return undefined;
    }
    if (isRunning(marker.pid)) return undefined;
    const folders = Array.isArray(marker.folders) ? marker.folders.filter((f) => typeof f === 'string' && isSandboxFolder(f)) : [];
    const slapd = marker.slapd;
    if (slapd && Number.isInteger(slapd.pid) && slapd.pid > 0 && typeof slapd.folder === 'string' && isSandboxFolder(slapd.folder))
      await endLocalSlapd(slapd.pid, slapd.folder);
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    await rm(this.#marker, { force: true });
    return typeof marker.profileId === 'string' ? marker.profileId : undefined;
  }
}
