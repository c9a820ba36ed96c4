import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build, Platform } from 'electron-builder';

/**
 * Runs electron-builder as `electron-builder --linux --dir` would, with electron-builder.yml, on a given Electron
 * distribution and into a given folder; answers the unpacked app's folder. Fuses are written into the real
 * Electron binary, which a stand-in is not, so they are left out here (the check reads them from the config).
 */
export async function packageLinuxDir(options: {
  projectDir: string;
  electronDist: string;
  electronVersion: string;
  output: string;
}): Promise<string> {
  await build({
    projectDir: options.projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      electronDist: options.electronDist,
      electronVersion: options.electronVersion,
      electronFuses: null,
      directories: { output: options.output },
    },
  });
  // linux-unpacked on x64, linux-<arch>-unpacked elsewhere.
  const unpacked = (await readdir(options.output)).find((name) => /^linux(-\w+)?-unpacked$/.test(name));
  if (!unpacked) throw new Error(`electron-builder left no linux-*-unpacked folder in ${options.output}.`);
  return join(options.output, unpacked);
}
