import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for Electron's Linux distribution, for electron-builder's `electronDist` (the real binary cannot be
 * downloaded here). electron-builder copies the folder as the app's skeleton and renames `electron` to
 * `linux.executableName` (app-builder-lib's ElectronFramework); the app itself goes into `resources/app`.
 *
 * The `electron` executable only does what the installed command line needs of Electron: with
 * ELECTRON_RUN_AS_NODE set, Electron "starts the process as a normal Node.js process" (Electron's
 * environment-variables documentation), so the stand-in runs its arguments with this Node. Anything else would be
 * the GUI, which the stand-in cannot be: it says so and fails.
 */
export async function makeStandInElectron(dir: string, electronPackageJson: string): Promise<{ dir: string; version: string }> {
  const { version } = JSON.parse(await readFile(electronPackageJson, 'utf8')) as { version: string };
  await mkdir(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  await writeFile(
    executable,
    `#!/bin/sh
if [ -n "$ELECTRON_RUN_AS_NODE" ]; then exec '${process.execPath}' "$@"; fi
echo "stand-in Electron: only ELECTRON_RUN_AS_NODE=1 runs here (the GUI needs the real Electron)" >&2
exit 1
`,
  );
  await chmod(executable, 0o755);
  await writeFile(join(dir, 'version'), version);
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (MIT-licensed upstream).\n');
  return { dir, version };
}
