import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's layout as rules: the folder says where code runs, and
 * dependencies point one way (renderer → shared ← main; inside main,
 * hosts → ipc → app → engine/connect/profiles, and the command line calls
 * app directly). Every import of the three source trees is walked and checked.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Area =
  | 'shared'
  | 'renderer'
  | 'main'
  | 'engine'
  | 'connect'
  | 'connect/postgres'
  | 'connect/files'
  | 'connect/http'
  | 'connect/ldap'
  | 'profiles'
  | 'sandbox'
  | 'app'
  | 'ipc'
  | 'hosts'
  | 'hosts/cli'
  | 'hosts/electron';

/** The area of a source file, most specific first. */
function areaOf(file: string): Area {
  const path = relative(root, file).replaceAll('\\', '/');
  const prefixes: [string, Area][] = [
    ['src-shared/', 'shared'],
    ['src-renderer/', 'renderer'],
    ['src-main/engine/', 'engine'],
    ['src-main/connect/postgres/', 'connect/postgres'],
    ['src-main/connect/files/', 'connect/files'],
    ['src-main/connect/http/', 'connect/http'],
    ['src-main/connect/ldap/', 'connect/ldap'],
    ['src-main/connect/', 'connect'],
    ['src-main/profiles/', 'profiles'],
    ['src-main/sandbox/', 'sandbox'],
    ['src-main/app/', 'app'],
    ['src-main/ipc/', 'ipc'],
    ['src-main/hosts/electron/', 'hosts/electron'],
    ['src-main/hosts/cli/', 'hosts/cli'],
    ['src-main/hosts/', 'hosts'],
    ['src-main/', 'main'],
  ];
  const found = prefixes.find(([prefix]) => path.startsWith(prefix));
  if (!found) throw new Error(`${path} is in no area`);
  return found[1];
}

const connectAreas: Area[] = ['connect', 'connect/postgres', 'connect/files', 'connect/http', 'connect/ldap'];
/** Which areas each area may import from (its own always). */
const mayImport: Record<Area, Area[]> = {
  shared: [],
  renderer: ['shared'],
  main: ['shared'],
  // The engine uses connect's leaf clients: configs read through its file access (one size limit, folders, SFTP
  // alike), databases described with the one database module's settings, the go-live probes over HTTP, the
  // directory read through the one LDAP module. It never opens SSH tunnels or profiles itself.
  engine: ['shared', 'main', 'connect/postgres', 'connect/files', 'connect/http', 'connect/ldap'],
  connect: ['shared', 'main', 'connect/postgres', 'connect/files', 'connect/http', 'connect/ldap'],
  'connect/postgres': ['shared', 'main', 'connect'],
  'connect/files': ['shared', 'main', 'connect'],
  'connect/http': ['shared', 'main'],
  'connect/ldap': ['shared', 'main', 'connect'],
  // Profiles write their files atomically with connect's helper, and touch nothing else of connect.
  profiles: ['shared', 'main', 'connect/files'],
  sandbox: ['shared', 'main', 'engine', ...connectAreas],
  // The use cases every host calls, over a source (a profile, or the command line's files).
  app: ['shared', 'main', 'engine', ...connectAreas, 'profiles'],
  // The router and its handlers: validate the renderer's input, call app (and the profile store, the sandbox);
  // its context builds the services the handlers share (the draft store, MAS's schema).
  ipc: ['shared', 'main', 'app', 'engine', ...connectAreas, 'profiles', 'sandbox'],
  hosts: ['shared', 'main', 'ipc'],
  'hosts/electron': ['shared', 'main', 'ipc', 'hosts'],
  // The command line is a host without the router: it calls the use cases directly.
  'hosts/cli': ['shared', 'main', 'app', 'hosts'],
};

/** npm packages by area: the renderer runs in a browser, shared anywhere. */
const packagesAllowed: Partial<Record<Area, RegExp>> = {
  shared: /^zod$/,
  renderer: /^(react|react-dom(\/client)?|@tanstack\/react-query|yaml|codemirror|@codemirror\/[a-z-]+|@lezer\/[a-z-]+)$/,
};
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const outsideTrees: Record<string, Area> = { 'package.json': 'main', 'build/icon.svg': 'renderer' };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  const found = text.matchAll(
    /(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g,
  );
  return [...found].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  throw new Error(`${relative(root, from)} imports ${specifier}, which does not exist`);
}

/** Why one import breaks a rule, or undefined when it is allowed. */
function violation(from: Area, specifier: string, target?: Area): string | undefined {
  if (target !== undefined) {
    if (target === from || mayImport[from].includes(target)) return undefined;
    return `${from} must not import ${target}`;
  }
  if (specifier === 'electron') return from === 'hosts/electron' ? undefined : `only the Electron host imports electron`;
  const allowed = packagesAllowed[from];
  if (nodeBuiltins.has(specifier)) return allowed ? `${from} runs without Node: no ${specifier}` : undefined;
  if (allowed && !allowed.test(specifier)) return `${from} must not import the package ${specifier}`;
  return undefined;
}

describe('layering (DESIGN.md "Layout")', () => {
  it('the rules catch what they are meant to', () => {
    expect(violation('connect', '../engine/x', 'engine')).toBe('connect must not import engine');
    expect(violation('hosts', '../engine/x', 'engine')).toBe('hosts must not import engine');
    expect(violation('renderer', 'node:fs')).toBe('renderer runs without Node: no node:fs');
    expect(violation('shared', 'react')).toBe('shared must not import the package react');
    expect(violation('engine', 'electron')).toBe('only the Electron host imports electron');
    expect(violation('profiles', '../connect/ssh/x', 'connect')).toBe('profiles must not import connect');
    expect(violation('engine', '../connect/side-connection', 'connect')).toBe('engine must not import connect');
    expect(violation('ipc', '../engine/x', 'engine')).toBeUndefined();
    expect(violation('app', '../ipc/router', 'ipc')).toBe('app must not import ipc');
    expect(violation('engine', '../app/migrate-source', 'app')).toBe('engine must not import app');
    expect(violation('hosts/cli', '../../ipc/router', 'ipc')).toBe('hosts/cli must not import ipc');
    expect(violation('hosts/cli', '../../app/migrate-source', 'app')).toBeUndefined();
  });

  it('every import of src-shared, src-main and src-renderer follows them', () => {
    const problems: string[] = [];
    let walked = 0;
    const files = ['src-shared', 'src-main', 'src-renderer'].flatMap((dir) => sourceFiles(join(root, dir)));
    expect(files.length).toBeGreaterThan(200);
    for (const file of files) {
      const from = areaOf(file);
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        walked++;
        const resolved = specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined;
        // Files outside the trees that code reads: the version (package.json, main) and the app icon (build/, the renderer).
        if (resolved && outsideTrees[relative(root, resolved)] === from) continue;
        const problem = violation(from, specifier, resolved ? areaOf(resolved) : undefined);
        if (problem) problems.push(`${relative(root, file)} → ${specifier}: ${problem}`);
      }
    }
    expect(walked).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
  });

  it("engine/verify never reaches engine/mapping, even through other files (SPEC §10: it proves the writer's rules, so it must not reuse them)", () => {
    const mapping = `${join(root, 'src-main/engine/mapping')}/`;
    const seen = new Set<string>();
    const reached: string[] = [];
    const walk = (file: string, via: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (file.startsWith(mapping)) reached.push([...via, file].map((f) => relative(root, f)).join(' → '));
      for (const specifier of importsOf(readFileSync(file, 'utf8')))
        if (specifier.startsWith('.')) walk(resolveRelative(file, specifier), [...via, file]);
    };
    const verifyFiles = sourceFiles(join(root, 'src-main/engine/verify'));
    expect(verifyFiles.length).toBeGreaterThan(10);
    for (const file of verifyFiles) walk(file, []);
    expect(seen.size).toBeGreaterThan(verifyFiles.length);
    expect(reached).toEqual([]);
  });
});
