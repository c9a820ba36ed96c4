import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempFolder } from '../../helpers/temp-folders';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const synapseFixture = (name: string) => join(repoRoot, 'test/fixtures/synapse-configs', name);
export const masFixture = (name: string) => join(repoRoot, 'test/fixtures/mas-configs', name);
/** Published reference files (SPEC: read from ../shared/reference, never copied). */
export const reference = (name: string) => resolve(repoRoot, '../shared/reference', name);

/** Writes YAML texts to a fresh temporary folder (removed when the test file ends) and returns their paths, in order. */
export async function yamlFiles(...texts: string[]): Promise<string[]> {
  const dir = await tempFolder('mas-migrator-config-');
  return Promise.all(
    texts.map(async (text, i) => {
      const path = join(dir, `file${i + 1}.yaml`);
      await writeFile(path, text);
      return path;
    }),
  );
}

/** A "billion laughs" Synapse config: nine levels of anchors, each aliasing the previous nine times (9^9 values once expanded). */
export function aliasBombYaml(): string {
  const lines = ['server_name: x', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}
