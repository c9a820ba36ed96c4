import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxConfigFileBytes } from '../../../src-main/connect/files/file-access';
import { describeKey, loadYamlFiles, locate, type ReadingRules } from '../../../src-main/engine/config/yaml/yaml-files';
import { maxNestingDepth } from '../../../src-main/engine/config/yaml/yaml-parse';
import { aliasBombYaml, yamlFiles } from './fixtures';
import { failure } from '../../helpers/failure';
import { tempFolder } from '../../helpers/temp-folders';

const synapseRules: ReadingRules = { kind: 'Synapse', merge: 'shallow', folders: true, skipNonMaps: true, yaml: '1.1' };
const masRules: ReadingRules = { kind: 'MAS', merge: 'deep-concat', folders: false, skipNonMaps: false, yaml: '1.2' };

/** A temporary folder with these files (names may hold subfolders). */
async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await tempFolder('mas-migrator-folder-');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe('Synapse files merge shallowly (SPEC §1.1)', () => {
  it('a later top-level key replaces the whole section; nothing inside sections is merged', async () => {
    const files = await yamlFiles(
      'a: 1\ndb:\n  host: h1\n  port: 1\nlist: [1, 2]\nkeep: {x: 1}\n',
      '# second\ndb:\n  port: 2\nlist:\n  - 3\n',
    );
    const merged = await loadYamlFiles(files, synapseRules);
    expect(merged.value).toEqual({ a: 1, db: { port: 2 }, list: [3], keep: { x: 1 } });
    expect(locate(merged, ['db', 'port'])).toEqual({ file: files[1], line: 3 });
    // db.host is gone: it points at the section that replaced it, never at the first file.
    expect(locate(merged, ['db', 'host'])).toEqual({ file: files[1] });
    expect(locate(merged, ['keep', 'x'])).toEqual({ file: files[0], line: 6 });
    expect(locate(merged, ['list', 0])).toEqual({ file: files[1], line: 5 });
    expect(describeKey(merged, ['a'])).toBe(`${files[0]} line 1: a`);
  });

  it('an empty or non-map file is skipped with a warning naming it; only such files is an error', async () => {
    const files = await yamlFiles('server_name: x\n', '# only a comment\n', '- a\n- b\n', '"just text"\n');
    const merged = await loadYamlFiles(files, synapseRules);
    expect(merged.value).toEqual({ server_name: 'x' });
    expect(merged.files).toEqual([files[0]]);
    expect(merged.warnings.map((w) => [w.id, w.source, w.message])).toEqual([
      ['config-file-skipped', files[1], `${files[1]} was not read: it is empty, and Synapse ignores such a file.`],
      [
        'config-file-skipped',
        files[2],
        `${files[2]} was not read: its top level is a list, not a map of settings, and Synapse ignores such a file.`,
      ],
      [
        'config-file-skipped',
        files[3],
        `${files[3]} was not read: its top level is a single value, not a map of settings, and Synapse ignores such a file.`,
      ],
    ]);
    const none = await failure(loadYamlFiles(files.slice(1), synapseRules));
    expect(none.code).toBe('config-not-map');
    expect(none.message).toContain(`${files[2]}: its top level is a list`);
  });
});

describe('a Synapse path that is a folder (SPEC §1.1)', () => {
  it('stands for its *.yaml files in sorted (code point) order; subfolders and other names are skipped and said so', async () => {
    const dir = await folderWith({
      'b.yaml': 'value: b\nonly_b: 1\n',
      'B.yaml': 'value: B\nonly_upper: 1\n',
      'a.yaml': 'value: a\nserver_name: folder.example\n',
      'c.yml': 'value: yml\n',
      'README.txt': 'value: text\n',
      'sub/z.yaml': 'value: sub\n',
      'target.conf': 'from_link: 1\n',
    });
    await symlink(join(dir, 'target.conf'), join(dir, 'link.yaml'));
    await symlink(join(dir, 'sub'), join(dir, 'dirlink.yaml'));
    await symlink(join(dir, 'nowhere'), join(dir, 'broken.yaml'));
    const merged = await loadYamlFiles([dir], synapseRules);
    // Python sorts by code point: upper case first (localeCompare would put a.yaml first).
    expect(merged.files).toEqual(['B.yaml', 'a.yaml', 'b.yaml', 'link.yaml'].map((n) => join(dir, n)));
    expect(merged.value).toEqual({
      value: 'b',
      only_upper: 1,
      server_name: 'folder.example',
      only_b: 1,
      from_link: 1,
    });
    expect(merged.warnings.map((w) => w.message)).toEqual([
      `${join(dir, 'README.txt')} was not read: its name does not end in .yaml, and Synapse reads only the .yaml files directly in ${dir}.`,
      `${join(dir, 'broken.yaml')} was not read: it is not a file (or is a broken link), and Synapse reads only the .yaml files directly in ${dir}.`,
      `${join(dir, 'c.yml')} was not read: its name does not end in .yaml, and Synapse reads only the .yaml files directly in ${dir}.`,
      `${join(dir, 'dirlink.yaml')} was not read: it is a subfolder, and Synapse reads only the .yaml files directly in ${dir}.`,
      `${join(dir, 'sub')} was not read: it is a subfolder, and Synapse reads only the .yaml files directly in ${dir}.`,
      `${join(dir, 'target.conf')} was not read: its name does not end in .yaml, and Synapse reads only the .yaml files directly in ${dir}.`,
    ]);
    expect(new Set(merged.warnings.map((w) => w.id))).toEqual(new Set(['config-folder-entry-skipped']));
    expect(locate(merged, ['only_upper'])).toEqual({ file: join(dir, 'B.yaml'), line: 2 });
  });

  it('a folder with no .yaml file is an error naming it', async () => {
    const dir = await folderWith({ 'notes.txt': 'x: 1\n' });
    const error = await failure(loadYamlFiles([dir], synapseRules));
    expect(error).toMatchObject({ code: 'config-missing', message: `${dir} holds no .yaml file, so no Synapse config was read.` });
  });
});

describe('MAS files merge as mas-cli merges them (SPEC §1.3)', () => {
  it('maps merge deeply, later scalars win, arrays are concatenated', async () => {
    const files = await yamlFiles(
      'a: {b: 1, c: {d: 2, e: 3}}\nlist: [1, 2]\ns: x\nproviders:\n  - id: first\n',
      'a: {c: {e: 30, f: 4}}\nlist: [9]\ns: {now: a map}\nproviders:\n  - id: second\n    issuer: https://second/\n',
    );
    const merged = await loadYamlFiles(files, masRules);
    expect(merged.value).toEqual({
      a: { b: 1, c: { d: 2, e: 30, f: 4 } },
      list: [1, 2, 9],
      s: { now: 'a map' },
      providers: [{ id: 'first' }, { id: 'second', issuer: 'https://second/' }],
    });
    // Item 1 of the concatenated list is item 0 of the second file.
    expect(locate(merged, ['providers', 1, 'issuer'])).toEqual({ file: files[1], line: 6 });
    expect(locate(merged, ['providers', 0, 'id'])).toEqual({ file: files[0], line: 5 });
    expect(locate(merged, ['list', 2])).toEqual({ file: files[1], line: 2 });
    expect(locate(merged, ['a', 'b'])).toEqual({ file: files[0], line: 1 });
    expect(locate(merged, ['a', 'c', 'e'])).toEqual({ file: files[1], line: 1 });
  });

  it('a later non-list replaces a list, and a later list starts over after it', async () => {
    const files = await yamlFiles('x: [1]\n', 'x: none\n', 'x: [2, 3]\n');
    const merged = await loadYamlFiles(files, masRules);
    expect(merged.value).toEqual({ x: [2, 3] });
    expect(locate(merged, ['x', 0])).toEqual({ file: files[2], line: 1 });
  });

  it('an empty file adds nothing; a non-map file and a folder are errors', async () => {
    const files = await yamlFiles('matrix: {homeserver: x}\n', '', '- a\n');
    expect((await loadYamlFiles(files.slice(0, 2), masRules)).value).toEqual({ matrix: { homeserver: 'x' } });
    expect((await failure(loadYamlFiles(files, masRules))).message).toBe(
      `${files[2]} is not a MAS config: its top level is a list, not a map of settings.`,
    );
    const dir = await folderWith({ 'a.yaml': 'x: 1\n' });
    expect(await failure(loadYamlFiles([dir], masRules))).toMatchObject({
      code: 'file-is-directory',
      message: `Cannot read the MAS config: ${dir} on this computer is a folder, not a file.`,
    });
  });
});

describe('bad YAML: an AppError naming the file (and line)', () => {
  it('malformed YAML', async () => {
    const files = await yamlFiles('ok: 1\n', 'a: 1\nb: [\n');
    const error = await failure(loadYamlFiles(files, synapseRules));
    expect(error.code).toBe('config-yaml');
    expect(error.message).toContain(`${files[1]} line 3`);
  });

  it('duplicate keys, at any depth, naming the line of the repeat', async () => {
    const [top] = await yamlFiles('a: 1\na: 2\n');
    expect((await failure(loadYamlFiles([top!], masRules))).message).toBe(
      `${top} line 2: not valid YAML (Map keys must be unique: "a" is repeated).`,
    );
    const [nested] = await yamlFiles('a:\n  - {x: 1, y: 2}\n  - b:\n      c: 1\n      c: 2\n');
    expect((await failure(loadYamlFiles([nested!], masRules))).message).toContain(`${nested} line 5:`);
    // 1 and "1" are different keys in YAML (not a repeat); as a plain object's keys, the later one wins.
    const [typed] = await yamlFiles('1: a\n"1": b\n');
    expect((await loadYamlFiles([typed!], masRules)).value).toEqual({ 1: 'b' });
  });

  it('an alias bomb ("billion laughs") is refused, naming the file', async () => {
    const [bomb] = await yamlFiles(aliasBombYaml());
    const error = await failure(loadYamlFiles([bomb!], synapseRules));
    expect(error.code).toBe('config-yaml');
    expect(error.message).toMatch(new RegExp(`^${bomb}: its aliases \\(\\*name\\) would expand into an enormous document`));
    // Ordinary aliases are fine.
    const [plain] = await yamlFiles('server_name: x\nbase: &base {a: 1}\none: *base\ntwo: *base\n');
    expect((await loadYamlFiles([plain!], synapseRules)).value).toMatchObject({ one: { a: 1 }, two: { a: 1 } });
  });

  it(`nesting beyond ${maxNestingDepth} levels is refused, by text or through aliases`, async () => {
    const flow = (depth: number) => `server_name: x\nthing: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const [ok, deep, huge] = await yamlFiles(flow(maxNestingDepth - 1), flow(maxNestingDepth), flow(5_000));
    const { value } = await loadYamlFiles([ok!], synapseRules);
    let depth = 0;
    for (let thing = (value as { thing: unknown }).thing; Array.isArray(thing); thing = thing[0]) depth++;
    expect(depth).toBe(maxNestingDepth - 1);
    for (const file of [deep!, huge!]) {
      const error = await failure(loadYamlFiles([file], synapseRules));
      expect(error.code).toBe('config-yaml');
      expect(error.message).toMatch(new RegExp(`^${file} line 2: nested more than ${maxNestingDepth} levels deep`));
    }
    // Each anchor nests 14 levels around the previous one: 5 aliases make 70 levels.
    const chain = ['server_name: x', 'l0: &l0 [1]'];
    for (let i = 1; i <= 5; i++) chain.push(`l${i}: &l${i} ${'['.repeat(14)}*l${i - 1}${']'.repeat(14)}`);
    const [aliased] = await yamlFiles(`${chain.join('\n')}\n`);
    expect((await failure(loadYamlFiles([aliased!], synapseRules))).message).toMatch(
      new RegExp(`^${aliased} line \\d+: nested more than ${maxNestingDepth} levels deep`),
    );
  });

  it(`a file over ${maxConfigFileBytes} bytes is refused before parsing, saying the limit`, async () => {
    const big = `server_name: x\npadding: "${'x'.repeat(maxConfigFileBytes)}"\n`;
    const [file] = await yamlFiles(big);
    const local = await failure(loadYamlFiles([file!], synapseRules));
    expect(local.code).toBe('file-too-large');
    expect(local.message).toBe(
      `Cannot read the Synapse config: ${file} on this computer is ${big.length} bytes; a config file may be at most 2 MiB (${maxConfigFileBytes} bytes).`,
    );
    // Text from any other reader is held to the same limit.
    const other = await failure(loadYamlFiles(['remote:/big.yaml'], synapseRules, { readText: async () => big }));
    expect(other.message).toBe(
      `remote:/big.yaml is ${big.length} bytes; a config file may be at most 2 MiB (${maxConfigFileBytes} bytes).`,
    );
  });

  it('a device that never ends is read only up to the limit', async () => {
    const error = await failure(loadYamlFiles(['/dev/zero'], synapseRules));
    expect(error).toMatchObject({
      code: 'file-too-large',
      message: expect.stringContaining('/dev/zero on this computer holds more than 2 MiB'),
    });
  });

  it('names a missing file and where it was looked for', async () => {
    const error = await failure(loadYamlFiles(['/nonexistent/homeserver.yaml'], synapseRules));
    expect(error.code).toBe('file-missing');
    expect(error.message).toBe('Cannot read the Synapse config: /nonexistent/homeserver.yaml does not exist on this computer.');
    expect(error.hint).toBeTruthy();
    expect((await failure(loadYamlFiles([], synapseRules))).code).toBe('config-missing');
  });

  it('reads through a given reader (SFTP)', async () => {
    const merged = await loadYamlFiles(['remote:/etc/matrix/homeserver.yaml'], synapseRules, {
      readText: async () => 'server_name: remote.example\n',
    });
    expect(merged.value).toEqual({ server_name: 'remote.example' });
    expect(locate(merged, ['server_name'])).toEqual({ file: 'remote:/etc/matrix/homeserver.yaml', line: 1 });
  });
});
