import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  masDocumentText,
  parseMasDocument,
  redactedValue,
  redactMasDocument,
  touchesSecret,
} from '../../../src-main/engine/config/mas/mas-document';
import { localFiles } from '../../../src-main/connect/files/local-files';
import { saveConfigFile } from '../../../src-main/engine/config/generate/save-config-file';
import { masFixture } from './fixtures';
import { tempFolder } from '../../helpers/temp-folders';

const fixtureText = () => readFile(masFixture('matching-oidc-jinja.yaml'), 'utf8');

describe('editing a MAS config the admin wrote', () => {
  it('round-trips unchanged when nothing is edited', async () => {
    const text = await fixtureText();
    expect(masDocumentText(parseMasDocument(text, 'mas.yaml'), text)).toBe(text);
  });

  it("keeps the admin's unindented sequences and long lines", () => {
    const text = `upstream_oauth2:\n  providers:\n  - id: 01JSHPZHAXC50QBKH67MH33TNF\n    human_name: ${'a very long name '.repeat(8).trim()}\n`;
    const doc = parseMasDocument(text, 'mas.yaml');
    applyEdits(doc, [{ path: ['upstream_oauth2', 'providers', 0, 'brand_name'], value: 'google' }], { allowSecrets: false });
    expect(masDocumentText(doc, text)).toBe(`${text}    brand_name: google\n`);
  });

  it('keeps comments, key order and untouched lines when values change, appear or go', async () => {
    const text = await fixtureText();
    const doc = parseMasDocument(text, 'mas.yaml');
    applyEdits(
      doc,
      [
        { path: ['matrix', 'homeserver'], value: 'example.net' },
        { path: ['passwords', 'schemes', 0, 'cost'], value: 12 },
        { path: ['branding', 'tos_uri'], value: 'https://example.com/tos' },
        { path: ['database', 'ssl_mode'], value: null },
      ],
      { allowSecrets: false },
    );
    const out = masDocumentText(doc, text);
    const expected = text
      .replace('  homeserver: example.com\n', '  homeserver: example.net\n')
      .replace('      cost: 14\n', '      cost: 12\n')
      .replace('  ssl_mode: require\n', '');
    expect(out).toBe(`${expected}branding:\n  tos_uri: https://example.com/tos\n`);
    expect(out).toContain('# Comments and key order must survive the app');
    expect(out).toContain('public_base: https://auth.example.com/ # the public URL');
    expect(out).toContain("    # Synapse's hashes\n    - version: 1");
  });

  it('refuses edits of secrets from the renderer, allows them from main', async () => {
    const doc = parseMasDocument(await fixtureText(), 'mas.yaml');
    for (const path of [
      ['matrix', 'secret'],
      ['secrets'],
      ['upstream_oauth2', 'providers', 0, 'client_secret'],
      ['database', 'password'],
      ['database', 'uri'],
      ['passwords', 'schemes', 0, 'secret'],
    ]) {
      expect(touchesSecret(path)).toBe(true);
      expect(() => applyEdits(doc, [{ path, value: 'x' }], { allowSecrets: false })).toThrow(
        expect.objectContaining({ code: 'edit-secret' }),
      );
    }
    expect(touchesSecret(['matrix', 'homeserver'])).toBe(false);
    expect(touchesSecret(['upstream_oauth2', 'providers', 0, 'client_id'])).toBe(false);
    applyEdits(doc, [{ path: ['matrix', 'secret'], value: 'new' }], { allowSecrets: true });
    expect(doc.getIn(['matrix', 'secret'])).toBe('new');
  });

  it('redacts every secret for the renderer, keeping everything else', async () => {
    const doc = parseMasDocument(await fixtureText(), 'mas.yaml');
    const redacted = redactMasDocument(doc).toString();
    for (const secret of [
      'mas-db-password',
      'shared-matrix-secret',
      '0000111122223333',
      'pepper-secret-value',
      'kc-client-secret',
      'gh-secret',
    ]) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain(`secret: ${redactedValue}`);
    expect(redacted).toContain('homeserver: example.com');
    expect(redacted).toContain('# Comments and key order must survive');
    // The original is untouched.
    expect(doc.getIn(['matrix', 'secret'])).toBe('shared-matrix-secret');
    const uri = parseMasDocument('database:\n  uri: postgresql://mas:pw@db/mas\nother:\n  uri: postgresql://db/x\n', 'm.yaml');
    expect(redactMasDocument(uri).toString()).toBe(`database:\n  uri: ${redactedValue}\nother:\n  uri: postgresql://db/x\n`);
  });

  it('names the file and line of malformed YAML', () => {
    expect(() => parseMasDocument('a: [\n', 'mas.yaml')).toThrow(/mas\.yaml line 2: not valid YAML/);
    expect(() => parseMasDocument('- a\n', 'mas.yaml')).toThrow(/not a MAS config/);
  });
});

describe('saving a config file', () => {
  it('writes a new file readable by its owner only', async () => {
    const dir = await tempFolder('mas-save-');
    const path = join(dir, 'config.yaml');
    expect(await saveConfigFile(localFiles, path, 'a: 1\n', { overwrite: false })).toEqual({ path });
    expect(await readFile(path, 'utf8')).toBe('a: 1\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite without permission, and keeps a timestamped backup with it', async () => {
    const dir = await tempFolder('mas-save-');
    const path = join(dir, 'config.yaml');
    await writeFile(path, 'old: 1\n');
    await expect(saveConfigFile(localFiles, path, 'new: 1\n', { overwrite: false })).rejects.toMatchObject({
      code: 'file-exists',
      message: `${path} already exists; nothing was written.`,
    });
    expect(await readFile(path, 'utf8')).toBe('old: 1\n');
    const saved = await saveConfigFile(localFiles, path, 'new: 1\n', { overwrite: true });
    expect(saved.backup).toMatch(/config\.yaml\.bak-\d{8}-\d{6}$/);
    expect(await readFile(path, 'utf8')).toBe('new: 1\n');
    expect(await readFile(saved.backup!, 'utf8')).toBe('old: 1\n');
    expect((await readdir(dir)).length).toBe(2);
  });

  it('names the path when it cannot be written', async () => {
    const dir = await tempFolder('mas-save-');
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    await expect(saveConfigFile(localFiles, join(file, 'config.yaml'), 'a: 1\n', { overwrite: false })).rejects.toMatchObject({
      message: expect.stringContaining(join(file, 'config.yaml')),
    });
  });
});
