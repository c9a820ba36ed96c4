// `npm run package:check`: builds the unpacked Linux app with electron-builder (electron-builder.yml, `--dir`) on a
// stand-in Electron distribution, since the real one cannot be downloaded here, then checks its layout and runs
// what the installers ship. Prints one verdict per check and a summary line; exits 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { lstat, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Check, runChecks } from './check';
import { configChecks } from './config-checks';
import { layoutChecks } from './layout-checks';
import { packageLinuxDir } from './package-linux-dir';
import { makeStandInElectron } from './stand-in-electron';

const projectDir = resolve(import.meta.dirname, '../..');
const started = Date.now();
const print = (line: string) => process.stdout.write(`${line}\n`);
const work = await mkdtemp(join(tmpdir(), 'mas-migrator-package-'));

let appDir: string | undefined;
const setup: Check[] = [
  {
    name: "node_modules is this checkout's own install",
    run: async () => {
      // electron-builder lists the production dependencies with `npm list`, which sees none of them through a
      // node_modules that links to another checkout's install (a git worktree sharing one): the app would ship without them.
      if ((await lstat(join(projectDir, 'node_modules'))).isSymbolicLink())
        throw new Error('node_modules is a link to another install: run npm install (or npm ci) in this checkout first');
    },
  },
  {
    name: 'npm run build',
    run: async () => {
      const build = spawnSync('npm', ['run', 'build'], { cwd: projectDir, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`exit ${build.status}:\n${build.stdout}${build.stderr}`);
    },
  },
  {
    name: 'electron-builder --linux --dir on a stand-in Electron',
    run: async () => {
      const electron = await makeStandInElectron(join(work, 'electron-dist'), join(projectDir, 'node_modules/electron/package.json'));
      appDir = await packageLinuxDir({
        projectDir,
        electronDist: electron.dir,
        electronVersion: electron.version,
        output: join(work, 'dist'),
      });
    },
  },
];

const outcomes =
  process.platform === 'linux'
    ? [...(await runChecks(configChecks(projectDir), print)), ...(await runChecks(setup, print, { steps: true }))]
    : [{ name: 'platform', error: 'package:check builds the Linux app: run it on Linux' }];
if (appDir) {
  const projectPackage = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8'));
  outcomes.push(...(await runChecks(layoutChecks(appDir, projectPackage, work), print)));
}
const failed = outcomes.filter((outcome) => outcome.error !== undefined);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
// A failed app is kept for a look; anything else goes.
if (failed.length > 0 && appDir) print(`The packaged app is kept in ${appDir}.`);
else await rm(work, { recursive: true, force: true });
if (failed.length === 0) {
  print(`package:check PASSED: ${outcomes.length} checks in ${seconds}s`);
} else {
  const names = failed.map((f) => f.name).join('; ');
  print(`package:check FAILED: ${failed.length} of ${outcomes.length} checks failed (${names}) in ${seconds}s`);
  process.exitCode = 1;
}
