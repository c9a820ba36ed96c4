import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../src-shared/errors';
import { freePort } from '../free-port';
import { waitForPort } from '../wait-for-port';

const run = promisify(execFile);

/** Where Debian's packages put OpenLDAP: `slapd` (server, schemas, back_mdb) and `ldap-utils` (ldapadd). */
export const debianSlapd = {
  slapd: '/usr/sbin/slapd',
  ldapadd: '/usr/bin/ldapadd',
  slapadd: '/usr/sbin/slapadd',
  schemaDir: '/etc/ldap/schema',
  moduleDir: '/usr/lib/ldap',
};

const installHint = 'Install OpenLDAP: on Debian or Ubuntu, "apt-get install slapd ldap-utils".';
const schemas = ['core', 'cosine', 'inetorgperson'];

export interface LocalSlapdOptions {
  /** The programs and folders to use; default Debian's. */
  paths?: Partial<typeof debianSlapd>;
  /** Default `dc=example,dc=org`. */
  suffix?: string;
  /** Also listen for ldaps:// (and offer StartTLS) with this certificate; the key is copied into slapd's folder. */
  tls?: { caFile: string; certFile: string; keyFile: string };
  /** Entries (LDIF) loaded offline with slapadd before slapd starts: far faster than ldapadd for many entries. */
  preload?: string;
}

export interface LocalSlapd {
  /** The temp folder holding slapd's config and database. */
  folder: string;
  pid: number;
  /** Plain LDAP on 127.0.0.1 (StartTLS offered when `tls` was given). */
  ldapPort: number;
  ldapsPort: number | undefined;
  suffix: string;
  /** The rootdn and its password (slapd.conf's rootpw). */
  adminDn: string;
  adminPassword: string;
  /** Adds entries (LDIF) with ldapadd, as the admin. */
  add(ldif: string): Promise<void>;
  /** Stops slapd and removes its folder. */
  stop(): Promise<void>;
}

/** The missing program or folder, or undefined when OpenLDAP is all there. */
function missingPart(paths: typeof debianSlapd): string | undefined {
  const needed = [paths.slapd, paths.ldapadd, ...schemas.map((s) => join(paths.schemaDir, `${s}.schema`)), paths.moduleDir];
  return needed.find((path) => !existsSync(path));
}

/** The last lines a failed program wrote, for the message (slapd names the config line it refused). */
function outputOf(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
  const lines = stderr ? stderr.split('\n').slice(-3) : [(error as Error).message];
  return lines.join(' / ');
}

/** Ends a process and waits (up to 5 s) until it is gone. */
async function endProcess(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function slapdConfig(folder: string, suffix: string, adminDn: string, adminPassword: string, paths: typeof debianSlapd, tls: boolean) {
  // Paths are quoted: a folder name may have spaces.
  return [
    ...schemas.map((schema) => `include "${join(paths.schemaDir, `${schema}.schema`)}"`),
    `modulepath "${paths.moduleDir}"`,
    'moduleload back_mdb',
    `pidfile "${join(folder, 'slapd.pid')}"`,
    ...(tls
      ? [
          `TLSCACertificateFile "${join(folder, 'ca.pem')}"`,
          `TLSCertificateFile "${join(folder, 'server.pem')}"`,
          `TLSCertificateKeyFile "${join(folder, 'server.key')}"`,
        ]
      : []),
    'database mdb',
    'maxsize 104857600',
    `suffix "${suffix}"`,
    `rootdn "${adminDn}"`,
    `rootpw ${adminPassword}`,
    `directory "${join(folder, 'db')}"`,
  ].join('\n');
}

/**
 * A throwaway OpenLDAP slapd on 127.0.0.1 (Debian's): a temp folder with a
 * slapd.conf, one mdb database, the core/cosine/inetorgperson schemas, free
 * high ports, and the suffix's entry. It runs as whoever runs this (root or
 * not: the ports are above 1024 and the folder is theirs). slapd forks once
 * its ports are bound, so it answers when this returns. Throws
 * `sandbox-slapd-unavailable`, saying what to install, when OpenLDAP is missing or does not start.
 */
export async function startLocalSlapd(options: LocalSlapdOptions = {}): Promise<LocalSlapd> {
  const paths = { ...debianSlapd, ...options.paths };
  const missing = missingPart(paths);
  if (missing)
    throw new AppError('sandbox-slapd-unavailable', `OpenLDAP is not installed on this computer (${missing} is missing).`, installHint);
  const folder = await mkdtemp(join(tmpdir(), 'mas-migrator-slapd-'));
  let pid: number | undefined;
  const stop = async () => {
    if (pid !== undefined) await endProcess(pid);
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await mkdir(join(folder, 'db'));
    if (options.tls) {
      await copyFile(options.tls.caFile, join(folder, 'ca.pem'));
      await copyFile(options.tls.certFile, join(folder, 'server.pem'));
      // slapd reads its own copy of the key (the caller's may belong to someone else, e.g. PostgreSQL).
      await writeFile(join(folder, 'server.key'), await readFile(options.tls.keyFile), { mode: 0o600 });
    }
    const suffix = options.suffix ?? 'dc=example,dc=org';
    const adminDn = `cn=admin,${suffix}`;
    const adminPassword = randomBytes(16).toString('hex');
    await writeFile(join(folder, 'slapd.conf'), `${slapdConfig(folder, suffix, adminDn, adminPassword, paths, !!options.tls)}\n`, {
      mode: 0o600,
    });
    const dc = /^dc=([^,]+)/i.exec(suffix)?.[1] ?? 'example';
    const suffixEntry = `dn: ${suffix}\nobjectClass: dcObject\nobjectClass: organization\no: ${dc}\ndc: ${dc}\n`;
    if (options.preload !== undefined) {
      const file = join(folder, 'preload.ldif');
      await writeFile(file, `${suffixEntry}\n${options.preload}`, { mode: 0o600 });
      // -q: no consistency checks, as for a bulk load of a fresh database.
      await run(paths.slapadd, ['-q', '-f', join(folder, 'slapd.conf'), '-l', file]).catch((error: unknown) => {
        throw new AppError(
          'sandbox-slapd-unavailable',
          `Loading entries into the local OpenLDAP database failed: ${outputOf(error)}`,
          installHint,
        );
      });
      await rm(file, { force: true });
    }
    const ldapPort = await freePort();
    const ldapsPort = options.tls ? await freePort() : undefined;
    const urls = [`ldap://127.0.0.1:${ldapPort}/`, ...(ldapsPort ? [`ldaps://127.0.0.1:${ldapsPort}/`] : [])].join(' ');
    try {
      await run(paths.slapd, ['-f', join(folder, 'slapd.conf'), '-h', urls]);
    } catch (error) {
      throw new AppError(
        'sandbox-slapd-unavailable',
        `The local OpenLDAP server (${paths.slapd}) did not start: ${outputOf(error)}`,
        installHint,
      );
    }
    pid = Number((await readFile(join(folder, 'slapd.pid'), 'utf8')).trim());
    if (!(await waitForPort(ldapPort)))
      throw new AppError(
        'sandbox-slapd-unavailable',
        `The local OpenLDAP server (${paths.slapd}) started but does not answer on 127.0.0.1:${ldapPort}.`,
        installHint,
      );
    // ldapadd reads the password from a file (-y), so it never shows in the process list.
    const passwordFile = join(folder, 'admin.pw');
    await writeFile(passwordFile, adminPassword, { mode: 0o600 });
    const add = async (ldif: string) => {
      const file = join(folder, `add-${randomBytes(6).toString('hex')}.ldif`);
      await writeFile(file, ldif, { mode: 0o600 });
      try {
        await run(paths.ldapadd, ['-x', '-H', `ldap://127.0.0.1:${ldapPort}`, '-D', adminDn, '-y', passwordFile, '-f', file], {
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        throw new AppError(
          'sandbox-slapd-unavailable',
          `Adding entries to the local OpenLDAP server failed: ${outputOf(error)}`,
          installHint,
        );
      } finally {
        await rm(file, { force: true });
      }
    };
    if (options.preload === undefined) await add(suffixEntry);
    return { folder, pid, ldapPort, ldapsPort, suffix, adminDn, adminPassword, add, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Whether `pid` is a slapd started by startLocalSlapd in `folder` (read from
 * /proc where there is one): a leftover sandbox's slapd is only ended when it is.
 */
export async function isLocalSlapd(pid: number, folder: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const args = cmdline.split('\0');
  return /(^|\/)slapd$/.test(args[0] ?? '') && args.includes(join(folder, 'slapd.conf'));
}

/** Ends a leftover slapd of a folder (see isLocalSlapd); anything else is left alone. */
export async function endLocalSlapd(pid: number, folder: string): Promise<void> {
  if (await isLocalSlapd(pid, folder)) await endProcess(pid);
}
