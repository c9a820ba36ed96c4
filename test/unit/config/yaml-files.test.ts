import { describe, expect, it } from 'vitest';
import { deepMerge, describeKey, loadYamlFiles, locate } from '../../../src-main/engine/config/yaml-files';
import { AppError } from '../../../src-shared/errors';
import { yamlFiles } from './fixtures';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('merging several YAML files (SPEC §1.1)', () => {
  it('merges maps key by key, deeply; the later file wins for every other value', () => {
    const merged = deepMerge(
      { a: { b: 1, c: { d: 2, e: 3 } }, list: [1, 2, 3], s: 'x', gone: 1 },
      { a: { c: { e: 30, f: 4 } }, list: [9], s: { now: 'a map' }, gone: null },
    );
    expect(merged).toEqual({ a: { b: 1, c: { d: 2, e: 30, f: 4 } }, list: [9], s: { now: 'a map' }, gone: null });
  });

  it('loads files in order and remembers which file and line gave each key', async () => {
    const files = await yamlFiles('a: 1\ndb:\n  host: h1\n  port: 1\nlist: [1, 2]\n', '# second\ndb:\n  port: 2\nlist:\n  - 3\n');
    const merged = await loadYamlFiles(files, 'Synapse');
    expect(merged.value).toEqual({ a: 1, db: { host: 'h1', port: 2 }, list: [3] });
    expect(locate(merged, ['db', 'host'])).toEqual({ file: files[0], line: 3 });
    expect(locate(merged, ['db', 'port'])).toEqual({ file: files[1], line: 3 });
    // The later list replaced the earlier one, so index 1 points at the later list.
    expect(locate(merged, ['list', 1])).toEqual({ file: files[1], line: 5 });
    expect(describeKey(merged, ['a'])).toBe(`${files[0]} line 1: a`);
  });

  it('accepts an empty file among others', async () => {
    const files = await yamlFiles('server_name: x\n', '');
    expect((await loadYamlFiles(files, 'Synapse')).value).toEqual({ server_name: 'x' });
  });

  it('names the file and line of malformed YAML', async () => {
    const files = await yamlFiles('ok: 1\n', 'a: 1\nb: [\n');
    const error = await failure(loadYamlFiles(files, 'Synapse'));
    expect(error.code).toBe('config-yaml');
    expect(error.message).toContain(`${files[1]} line 3`);
  });

  it('rejects duplicate keys, naming the line', async () => {
    const files = await yamlFiles('a: 1\na: 2\n');
    const error = await failure(loadYamlFiles(files, 'MAS'));
    expect(error.message).toMatch(/line 2: not valid YAML \(Map keys must be unique/);
  });

  it('names an unreadable file and says what to check', async () => {
    const error = await failure(loadYamlFiles(['/nonexistent/homeserver.yaml'], 'Synapse'));
    expect(error.code).toBe('config-unreadable');
    expect(error.message).toBe('Cannot read the Synapse config /nonexistent/homeserver.yaml (ENOENT).');
    expect(error.hint).toBeTruthy();
  });

  it('rejects a file whose top level is not a map, and an empty list of files', async () => {
    const files = await yamlFiles('- a\n- b\n');
    expect((await failure(loadYamlFiles(files, 'Synapse'))).message).toContain('its top level is a list');
    expect((await failure(loadYamlFiles([], 'Synapse'))).code).toBe('config-missing');
  });

  it('reads through a given reader (SFTP later)', async () => {
    const merged = await loadYamlFiles(['remote:/etc/matrix/homeserver.yaml'], 'Synapse', async () => 'server_name: remote.example\n');
    expect(merged.value).toEqual({ server_name: 'remote.example' });
    expect(locate(merged, ['server_name'])).toEqual({ file: 'remote:/etc/matrix/homeserver.yaml', line: 1 });
  });
});
