import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The options that make a spawned `node` run with node:crypto narrowed to
 * Electron's set, as the tests themselves do (electron-crypto.ts, loaded
 * through tsx). Absolute URLs, so the child may run from any folder.
 */
export const narrowedNodeArgs: readonly string[] = [
  '--import',
  pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href,
  '--import',
  pathToFileURL(`${root}test/helpers/electron-crypto.ts`).href,
];
