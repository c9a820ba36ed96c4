import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bindPassword, bridgeHomeserver } from '../../helpers/bridge-homeserver';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { localProfileSettings, tempDataDir } from '../../helpers/profiles';

// biome-ignore lint/suspicious/noExplicitAny: saved configs are inspected freely
type Json = Record<string, any>;

let rec: ReturnType<typeof recordingRouter>;
const idpSecret = 'Idp-Client-Secret-9';
const dexIssuer = 'https://dex.example.org/dex';

beforeAll(async () => {
  rec = recordingRouter(await tempDataDir());
});

async function bridgeProfile() {
  const { dir, homeserver } = await bridgeHomeserver();
  const { id } = await rec.ok('profiles.create', { settings: localProfileSettings(`Bridges ${Math.random()}`, [homeserver]) });
  return { dir, profileId: id };
}

describe('config.generateBridges and config.saveBridges (SPEC §11, §12, on the Identity providers screen)', () => {
  it('config.read says which logins need a bridge: the module with its uid attribute, and saml2_config', async () => {
    const { profileId } = await bridgeProfile();
    expect((await rec.ok('config.read', { profileId })).synapse.bridges).toEqual({ ldapUidAttribute: 'uid', saml: true });
  });

  it("LDAP and SAML through Dex: one Dex config with both connectors whose secrets stay in main, the MAS providers, the generator's warnings", async () => {
    const { profileId } = await bridgeProfile();
    const out = await rec.ok('config.generateBridges', {
      profileId,
      dexIssuer,
      ldap: { idAttribute: 'entryUUID' },
      saml: { route: 'dex' },
    });
    const dex = parse(out.dex!.preview) as Json;
    expect(dex.connectors.map((c: Json) => c.type)).toEqual(['ldap', 'saml']);
    expect(dex.connectors[0].config).toMatchObject({ bindPW: '<redacted>', insecureSkipVerify: true, userSearch: { idAttr: 'entryUUID' } });
    expect(dex.staticClients[0].secret).toBe('<redacted>');
    const providers = (parse(out.mas.preview) as Json).upstream_oauth2.providers as Json[];
    expect(providers.map((p) => [p.synapse_idp_id, p.client_secret])).toEqual([
      ['ldap', '<redacted>'],
      ['saml', '<redacted>'],
    ]);
    expect(out.warnings.map((w) => w.id)).toEqual(
      expect.arrayContaining(['ldap-validate-cert-off', 'saml-dex-connector', 'dex-two-connectors']),
    );
    // Dex's secrets are not editable from the renderer, its other keys are.
    expect(
      await rec.call('config.edit', { draftId: out.dex!.draftId, edits: [{ path: ['connectors', 0, 'config', 'bindPW'], value: 'x' }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'edit-secret' },
    });
    const edited = await rec.ok('config.edit', { draftId: out.dex!.draftId, edits: [{ path: ['web', 'http'], value: '0.0.0.0:5557' }] });
    expect(edited.preview).toContain('0.0.0.0:5557');
    // A Dex draft is never taken for a MAS config.
    expect(await rec.call('config.saveMas', { profileId, draftId: out.dex!.draftId, path: '/tmp/never.yaml' })).toMatchObject({
      ok: false,
      error: { code: 'draft-unknown' },
    });
  });

  it("saves dex.yaml beside the MAS config and the MAS config, with backups when replacing, and records Dex's ID attribute in the profile", async () => {
    const { dir, profileId } = await bridgeProfile();
    const out = await rec.ok('config.generateBridges', {
      profileId,
      dexIssuer,
      ldap: { idAttribute: 'entryUUID' },
      saml: { route: 'dex' },
    });
    const masPath = join(dir, 'mas.yaml');
    const saved = await rec.ok('config.saveBridges', {
      profileId,
      masDraftId: out.mas.draftId,
      dexDraftId: out.dex!.draftId,
      path: masPath,
    });
    expect(saved).toEqual([{ path: join(dir, 'dex.yaml') }, { path: masPath }]);
    const dex = parse(await readFile(join(dir, 'dex.yaml'), 'utf8')) as Json;
    const mas = parse(await readFile(masPath, 'utf8')) as Json;
    expect(dex.connectors[0].config.bindPW).toBe(bindPassword);
    expect(dex.staticClients[0].secret).toBe(mas.upstream_oauth2.providers[0].client_secret);
    expect((await stat(join(dir, 'dex.yaml'))).mode & 0o777).toBe(0o600);
    const profile = await rec.ok('profiles.get', { id: profileId });
    expect(profile.mas.configFiles.paths).toEqual([masPath]);
    expect(profile.options.ldapIdAttribute).toBe('entryUUID');

    // Again, now on the profile's MAS config: the providers are replaced, not added twice, and both files are backed up.
    const opened = await rec.ok('config.openMas', { profileId });
    const again = await rec.ok('config.generateBridges', {
      profileId,
      baseDraftId: opened.draftId,
      dexIssuer,
      ldap: {},
      saml: { route: 'dex' },
    });
    expect(((parse(again.mas.preview) as Json).upstream_oauth2.providers as Json[]).map((p) => p.synapse_idp_id)).toEqual(['ldap', 'saml']);
    const replaced = await rec.ok('config.saveBridges', { profileId, masDraftId: again.mas.draftId, dexDraftId: again.dex!.draftId });
    expect(replaced.map((s) => s.backup)).toEqual([expect.stringMatching(/dex\.yaml\.bak-/), expect.stringMatching(/mas\.yaml\.bak-/)]);
    expect(await readFile(replaced[0]!.backup!, 'utf8')).toContain(bindPassword);
    expect((await rec.ok('profiles.get', { id: profileId })).options.ldapIdAttribute).toBe('uid');
    expect(await rec.call('config.saveBridges', { profileId, masDraftId: again.mas.draftId, overwrite: false })).toMatchObject({
      ok: false,
      error: { code: 'file-exists' },
    });
  });

  it('a MAS config whose providers for Dex share a client secret with an unsaved Dex config is never saved without it', async () => {
    const { dir, profileId } = await bridgeProfile();
    const out = await rec.ok('config.generateBridges', { profileId, dexIssuer, ldap: {} });
    const masPath = join(dir, 'mas.yaml');
    const refused = { ok: false, error: { code: 'dex-unsaved', message: expect.stringContaining("Dex's config generated with it") } };
    expect(await rec.call('config.saveMas', { profileId, draftId: out.mas.draftId, path: masPath })).toMatchObject(refused);
    expect(await rec.call('config.saveBridges', { profileId, masDraftId: out.mas.draftId, path: masPath })).toMatchObject(refused);
    expect(await readdir(dir)).not.toContain('mas.yaml');
    // Once both are saved, the MAS config may be saved alone (Dex's file already holds its secret).
    await rec.ok('config.saveBridges', { profileId, masDraftId: out.mas.draftId, dexDraftId: out.dex!.draftId, path: masPath });
    expect(await rec.ok('config.saveMas', { profileId, draftId: out.mas.draftId })).toMatchObject({ path: masPath });
    // Route (a) alone needs no Dex: its MAS config saves as any other.
    const idp = await rec.ok('config.generateBridges', {
      profileId,
      saml: { route: 'idp', issuer: 'https://idp.example.org', clientId: 'mas' },
    });
    expect(await rec.ok('config.saveMas', { profileId, draftId: idp.mas.draftId })).toMatchObject({ path: masPath });
  });

  it("SAML route (a): the IdP's OIDC side, its client secret written to the MAS config only, and no Dex config for SAML", async () => {
    const { dir, profileId } = await bridgeProfile();
    const saml = {
      route: 'idp' as const,
      issuer: 'https://idp.example.org/realms/main',
      clientId: 'mas',
      clientSecret: idpSecret,
      uidClaim: 'uid',
    };
    const out = await rec.ok('config.generateBridges', { profileId, saml });
    expect(out.dex).toBeNull();
    const [provider] = (parse(out.mas.preview) as Json).upstream_oauth2.providers as Json[];
    expect(provider).toMatchObject({
      synapse_idp_id: 'saml',
      issuer: saml.issuer,
      client_secret: '<redacted>',
      claims_imports: { subject: { template: '{{ user.uid }}' } },
    });
    const masPath = join(dir, 'mas.yaml');
    expect(await rec.ok('config.saveBridges', { profileId, masDraftId: out.mas.draftId, path: masPath })).toEqual([{ path: masPath }]);
    expect(parse(await readFile(masPath, 'utf8')).upstream_oauth2.providers[0].client_secret).toBe(idpSecret);
    expect((await readdir(dir)).includes('dex.yaml')).toBe(false);
  });

  it('names the missing or wrong field, before reading anything', async () => {
    const { profileId } = await bridgeProfile();
    expect(await rec.call('config.generateBridges', { profileId, ldap: {} })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: "Dex's public issuer URL is missing." },
    });
    expect(await rec.call('config.generateBridges', { profileId, dexIssuer: 'dex.example.org', ldap: {} })).toMatchObject({
      ok: false,
      error: { message: 'Dex\'s public issuer URL "dex.example.org" is not an http(s) URL.' },
    });
    expect(
      await rec.call('config.generateBridges', { profileId, saml: { route: 'idp', issuer: 'https://idp.example.org', clientId: '' } }),
    ).toMatchObject({
      ok: false,
      error: { message: 'The client ID at the identity provider is missing.' },
    });
    expect(await rec.call('config.generateBridges', { profileId, ldap: { idAttribute: 'uid)(cn=*' }, dexIssuer })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('ldap.idAttribute') },
    });
  });

  it("an existing MAS config without http.public_base is named: Dex's redirect to MAS is built from it", async () => {
    const { dir, homeserver } = await bridgeHomeserver();
    const masPath = join(dir, 'mas.yaml');
    await writeFile(masPath, 'matrix:\n  homeserver: example.org\n');
    const { id } = await rec.ok('profiles.create', { settings: localProfileSettings('No public base', [homeserver], [masPath]) });
    const opened = await rec.ok('config.openMas', { profileId: id });
    expect(await rec.call('config.generateBridges', { profileId: id, baseDraftId: opened.draftId, dexIssuer, ldap: {} })).toMatchObject({
      ok: false,
      error: { message: `The MAS config ${masPath} has no http.public_base: Dex's redirect to MAS is built from it.` },
    });
  });

  it('a homeserver without the module refuses the LDAP bridge, naming its file', async () => {
    const { dir } = await bridgeProfile();
    const plain = join(dir, 'plain.yaml');
    await writeFile(plain, 'server_name: example.org\npublic_baseurl: https://matrix.example.org/\n');
    const { id } = await rec.ok('profiles.create', { settings: localProfileSettings('Plain', [plain]) });
    expect(await rec.call('config.generateBridges', { profileId: id, dexIssuer, ldap: {} })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`${plain} configures no matrix-synapse-ldap3 module`) },
    });
  });

  it('never sent a secret back', () => {
    const seen = JSON.stringify(rec.seen);
    expect(seen).not.toContain(bindPassword);
    expect(seen).not.toContain(idpSecret);
    expect(seen).not.toMatch(/[0-9a-f]{64}/);
  });
});
