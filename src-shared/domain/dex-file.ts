/**
 * Where Dex's config is saved (SPEC §11, §12): `dex.yaml` beside the MAS
 * config, on the MAS side, so the two files that share MAS's client secret
 * travel together.
 */
export function dexFileBeside(masPath: string): string {
  const name = /(^|[/\\])dex\.yaml$/.test(masPath) ? 'dex-config.yaml' : 'dex.yaml';
  return masPath.replace(/[^/\\]*$/, name);
}
