import { delimiter, resolve } from 'node:path';

/**
 * SPEC §1.3, as mas-cli finds its config without --config: the paths in
 * MAS_CONFIG (separated like PATH: `:`, `;` on Windows), else config.yaml in the
 * working directory. Relative paths are taken from `cwd`.
 */
export function defaultMasConfigPaths(env: Record<string, string | undefined>, cwd: string): string[] {
  const listed = (env.MAS_CONFIG ?? '').split(delimiter).filter((path) => path !== '');
  return (listed.length > 0 ? listed : ['config.yaml']).map((path) => resolve(cwd, path));
}
