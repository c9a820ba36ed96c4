import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { localProfileSettings, tempDataDir } from '../../helpers/profiles';
import { masFixture, reference, synapseFixture } from '../config/fixtures';
import { tempFolder } from '../../helpers/temp-folders';

let rec: ReturnType<typeof recordingRouter>;

// biome-ignore lint/suspicious/noExplicitAny: replies are inspected freely
async function ok<T = Record<string, any>>(channel: string, input: unknown): Promise<T> {
  const outcome = await rec.call(channel, input);
  if (!outcome.ok) throw new Error(`${channel} failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.output as T;
}

/** A stored profile whose configs are the given files on this computer. */
async function profileFor(synapse: string[], mas: string[] = []): Promise<string> {
  const created = await ok<{ id: string }>('profiles.create', { settings: localProfileSettings(`P ${Math.random()}`, synapse, mas) });
  return created.id;
}

/** Secrets of the fixtures and generated configs: none may appear in a reply to the renderer. */
const secretPatterns = [
  /db-password-1/,
  /pepper-secret-value/,
  /kc-client-secret/,
  /gh-secret/,
  /mas-db-password/,
  /shared-matrix-secret/,
  /[0-9a-f]{64}/,
  /BEGIN [A-Z ]*PRIVATE KEY/,
];
const expectNoSecrets = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const pattern of secretPatterns) expect(text).not.toMatch(pattern);
};

beforeAll(async () => {
  rec = recordingRouter(await tempDataDir(), { masSchemaPath: reference('mas-config.schema.json') });
});

describe('config channels of a profile', () => {
  let oidc: string;
  let generated: { draftId: string; preview: string; warnings: { id: string }[] };
  beforeAll(async () => {
    oidc = await profileFor([synapseFixture('oidc-jinja.yaml')]);
    generated = await ok('config.generate', { profileId: oidc });
  });

  it('config.read returns both models with secrets only as {set}', async () => {
    const both = await profileFor([synapseFixture('oidc-jinja.yaml')], [masFixture('matching-oidc-jinja.yaml')]);
    const out = await ok('config.read', { profileId: both });
    expect(out.synapse).toMatchObject({
      serverName: 'example.com',
      databaseDriver: 'psycopg2',
      passwords: { enabled: true, localdb: true, pepper: { set: true } },
    });
    expect(out.synapse.providers.map((p: { internalId: string }) => p.internalId)).toEqual(['oidc-keycloak', 'oidc-github']);
    expect(out.mas).toMatchObject({
      homeserver: 'example.com',
      matrixSecret: { set: true },
      encryption: { set: true },
      database: { host: 'db.example.com', password: { set: true } },
    });
    expect(out.mas.passwords.schemes[0]).toEqual({
      version: 1,
      algorithm: 'bcrypt',
      cost: 14,
      secret: { set: true },
      unicodeNormalization: true,
    });
    expectNoSecrets(out);
    const plain = await ok('config.read', { profileId: await profileFor([synapseFixture('postgres-minimal.yaml')]) });
    expect(plain.synapse.database).toEqual({
      host: 'db.example.org',
      port: 5432,
      user: 'synapse_user',
      database: 'synapse',
      password: { set: true },
      uri: null,
    });
    expect(plain.mas).toBeNull();
    expectNoSecrets(plain);
  });

  it('config.read reports bad files as {code, message} naming file and line', async () => {
    const outcome = await rec.call('config.read', { profileId: await profileFor([synapseFixture('bad/wrong-types.yaml')]) });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'config-invalid', message: expect.stringContaining('wrong-types.yaml line 6: database.args.port') },
    });
    expect(await rec.call('config.read', { profileId: 'not-an-id' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await rec.call('config.read', { profileId: await profileFor(['/nonexistent/homeserver.yaml']) });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        code: 'file-missing',
        message: 'Cannot read the Synapse config: /nonexistent/homeserver.yaml does not exist on this computer.',
      },
    });
  });

  it('config.generate keeps the config in main and shows a redacted preview with the warnings', () => {
    expect(generated.draftId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(generated.preview).toContain('homeserver: example.com');
    expect(generated.preview).toContain('secret: <redacted>');
    expect(generated.preview).toContain('key: <redacted>');
    expect(generated.warnings.map((w) => w.id)).toContain('fill-in-public-base');
    expectNoSecrets(generated);
  });

  it('config.edit changes non-secret keys and refuses secrets', async () => {
    const draft = await ok('config.generate', { profileId: await profileFor([synapseFixture('postgres-minimal.yaml')]) });
    const edited = await ok('config.edit', {
      draftId: draft.draftId,
      edits: [{ path: ['http', 'public_base'], value: 'https://auth.example.org/' }],
    });
    expect(edited.preview).toContain('public_base: https://auth.example.org/');
    const refused = await rec.call('config.edit', { draftId: draft.draftId, edits: [{ path: ['matrix', 'secret'], value: 'mine' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'edit-secret' } });
    expect(await rec.call('config.edit', { draftId: 'unknown-draft', edits: [{ path: ['a'], value: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'draft-unknown' },
    });
  });

  it("config.validate checks the schema and our checks against the profile's Synapse config; a broken edit shows in both", async () => {
    const draft = await ok('config.generate', { profileId: oidc });
    const clean = await ok('config.validate', { profileId: oidc, draftId: draft.draftId });
    expect(clean).toEqual({ schemaChecked: true, schemaProblems: [], findings: [] });
    await ok('config.edit', {
      draftId: draft.draftId,
      edits: [
        { path: ['upstream_oauth2', 'providers', 0, 'id'], value: 'keycloak' },
        { path: ['matrix', 'homeserver'], value: 'other.example' },
      ],
    });
    const broken = await ok('config.validate', { profileId: oidc, draftId: draft.draftId });
    expect(broken.schemaProblems.join('\n')).toContain('/upstream_oauth2/providers/0/id');
    expect(broken.findings.map((f: { id: string }) => f.id)).toEqual(['mas-provider-id-invalid', 'server-name-mismatch']);
    const withoutSchema = recordingRouter(await tempDataDir());
    const other = await withoutSchema.ok('profiles.create', {
      settings: localProfileSettings('No schema', [synapseFixture('postgres-minimal.yaml')]),
    });
    const draft2 = await withoutSchema.ok('config.generate', { profileId: other.id });
    expect(await withoutSchema.call('config.validate', { profileId: other.id, draftId: draft2.draftId })).toMatchObject({
      ok: true,
      output: { schemaChecked: false, schemaProblems: [] },
    });
  });

  it('config.validate reads a Synapse folder (conf.d) as Synapse does', async () => {
    const profileId = await profileFor([synapseFixture('debian/homeserver.yaml'), synapseFixture('debian/conf.d')]);
    const draft = await ok('config.generate', { profileId });
    const result = await ok('config.validate', { profileId, draftId: draft.draftId });
    expect(result.findings).toEqual([]);
  });

  it("config.saveMas writes the real config (owner-only), adopts it as the profile's, and keeps a backup when replacing it; the Synapse section shares its secret", async () => {
    const dir = await tempFolder('mas-ipc-');
    const synapsePath = join(dir, 'homeserver.yaml');
    await copyFile(synapseFixture('oidc-jinja.yaml'), synapsePath);
    const profileId = await profileFor([synapsePath]);
    const draft = await ok('config.generate', { profileId });
    const path = join(dir, 'mas.yaml');
    expect(await ok('config.saveMas', { profileId, draftId: draft.draftId, path, overwrite: false })).toEqual({ path });
    expect((await ok('profiles.get', { id: profileId })).mas.configFiles.paths).toEqual([path]);
    const saved = parse(await readFile(path, 'utf8'));
    expect(saved.matrix.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await rec.call('config.saveMas', { profileId, draftId: draft.draftId, overwrite: false })).toMatchObject({
      ok: false,
      error: { code: 'file-exists' },
    });
    const again = await ok('config.saveMas', { profileId, draftId: draft.draftId });
    expect(again.backup).toMatch(/mas\.yaml\.bak-\d{8}-\d{6}$/);
    const sectionPath = join(dir, 'synapse-mas.yaml');
    await ok('config.saveSynapseSection', { profileId, draftId: draft.draftId, path: sectionPath, endpoint: 'http://mas.internal:8080/' });
    expect(parse(await readFile(sectionPath, 'utf8'))).toEqual({
      matrix_authentication_service: { enabled: true, endpoint: 'http://mas.internal:8080/', secret: saved.matrix.secret },
    });
  });

  it("config.openMas edits the profile's file keeping comments, order and secrets", async () => {
    const dir = await tempFolder('mas-ipc-');
    const path = join(dir, 'mas.yaml');
    await copyFile(masFixture('matching-oidc-jinja.yaml'), path);
    const original = await readFile(path, 'utf8');
    const profileId = await profileFor([synapseFixture('oidc-jinja.yaml')], [path]);
    const opened = await ok('config.openMas', { profileId });
    expect(opened.file).toBe(path);
    expectNoSecrets(opened);
    await ok('config.edit', { draftId: opened.draftId, edits: [{ path: ['branding', 'tos_uri'], value: 'https://example.com/tos' }] });
    await ok('config.saveMas', { profileId, draftId: opened.draftId });
    expect(await readFile(path, 'utf8')).toBe(`${original}branding:\n  tos_uri: https://example.com/tos\n`);
    const missing = await rec.call('config.openMas', { profileId: await profileFor([synapseFixture('oidc-jinja.yaml')]) });
    expect(missing).toMatchObject({ ok: false, error: { code: 'mas-config-path-missing' } });
  });

  it('never sent a secret back', () => {
    expectNoSecrets(rec.seen);
  });
});
