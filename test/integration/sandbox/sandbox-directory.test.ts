import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxInfo } from '../../../src-shared/contract/sandbox';
import { openDirectory } from '../../../src-main/connect/ldap/open-directory';
import { loadMasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { readLocalSecretFile } from '../../../src-main/engine/config/secret-files';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { readModuleDirectory } from '../../../src-main/engine/directory/check-directory';
import { type LinkCandidate, linkDirectoryUsers } from '../../../src-main/engine/directory/directory-links';
import { findLdapModule } from '../../../src-main/engine/directory/ldap-module';
import { createServices, type Services } from '../../../src-main/ipc/context';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRouter } from '../../../src-main/ipc/router';
import { populateSandbox } from '../../../src-main/sandbox/populate';
import { type RunningSandbox, startSandbox } from '../../../src-main/sandbox/sandbox';
import { sandboxServerName } from '../../../src-main/sandbox/sandbox-configs';
import { sandboxRoute } from '../../../src-main/sandbox/sandbox-databases';
import { sandboxDirectoryUsers } from '../../../src-main/sandbox/sandbox-directory';
import { slapdPath } from '../../helpers/slapd';
import { tempDataDir } from '../../helpers/profiles';
import { hasTool } from '../../helpers/tools';

const started: Services[] = [];
afterAll(async () => {
  for (const services of started) await services.shutdown();
});

/** A host's services and router, as the Electron host builds them. */
async function host(dataDir?: string) {
  const services = createServices({ host: 'electron', dataDir: dataDir ?? (await tempDataDir()), env: process.env });
  started.push(services);
  const router = createRouter(handlers, services);
  const outcome = await router.call('sandbox.start', { users: 12 });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return { services, info: outcome.output as SandboxInfo, sandbox: services.sandboxes.current!.sandbox };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Synapse's users as the linking rule sees them, read from the sandbox's database. */
async function linkCandidates(sandbox: RunningSandbox): Promise<LinkCandidate[]> {
  const client = await (await sandboxRoute(sandbox.databases.synapse)).connect('sandbox-directory-test');
  try {
    const { rows } = await client.query<{
      name: string;
      ts: string | null;
      guest: number;
      appservice: string | null;
      pw: boolean;
      ext: boolean;
    }>(
      `SELECT name, creation_ts AS ts, is_guest AS guest, appservice_id AS appservice, password_hash IS NOT NULL AS pw,
              EXISTS (SELECT 1 FROM user_external_ids e WHERE e.user_id = u.name) AS ext
       FROM users u ORDER BY name`,
    );
    return rows.map((r) => ({
      localpart: r.name.slice(1, r.name.indexOf(':')),
      createdAt: new Date(Number(r.ts ?? 0) * 1000),
      guest: r.guest === 1,
      appservice: r.appservice !== null,
      hasPassword: r.pw,
      hasExternalId: r.ext,
    }));
  } finally {
    await client.end();
  }
}

describe.runIf(hasTool(slapdPath, 'slapd'))('the sandbox with a directory (a real slapd, SPEC §11)', () => {
  let info: SandboxInfo;
  let sandbox: RunningSandbox;
  let services: Services;

  it('configures matrix-synapse-ldap3 against its slapd, and the directory answers with those settings', async () => {
    ({ services, info, sandbox } = await host());
    expect(info.notices).toEqual([]);
    const synapse = await loadSynapseConfig([info.synapseConfigPath]);
    const module = findLdapModule(synapse)!;
    expect(module).toMatchObject({ legacy: false, keyPath: ['modules', 0, 'config'] });
    expect(module.settings.uris).toEqual([`ldap://127.0.0.1:${sandbox.slapd!.ldapPort}`]);
    expect(module.settings).toMatchObject({ uidAttribute: 'uid', mailAttribute: 'mail', nameAttribute: 'cn' });
    expect(module.settings.bindDn).toMatch(/^cn=synapse,/);

    const index = await readModuleDirectory(
      { syn: synapse, module, readSecretFile: readLocalSecretFile, where: 'this computer', open: (target) => openDirectory(target) },
      { idAttribute: module.settings.uidAttribute },
    );
    expect(index.entries).toBe(sandboxDirectoryUsers.length);

    // The module's users: no password, no external ID; the rule links each to its entry, whatever the uid's case.
    const users = await linkCandidates(sandbox);
    const moduleUsers = users.filter((u) => ['user5', 'user7', 'user10'].includes(u.localpart));
    expect(moduleUsers.map((u) => [u.localpart, u.hasPassword, u.hasExternalId])).toEqual([
      ['user10', false, false],
      ['user5', false, false],
      ['user7', false, false],
    ]);
    const linking = linkDirectoryUsers(users, index, { activeDirectory: false });
    expect(linking.links.map((l) => [l.localpart, l.subject, l.humanAccountName])).toEqual([
      ['user10', 'user10', 'user10'],
      ['user5', 'User5', 'User5'],
      ['user7', 'USER7', 'USER7'],
    ]);
    expect(linking.entriesWithoutUser).toBe(1); // Newcomer
    expect(linking.ambiguous).toEqual([]);
  });

  it('gives MAS the provider for Dex (synapse_idp_id: ldap) and writes Dex config beside it', async () => {
    const mas = await loadMasConfig([info.masConfigPath]);
    const providers = mas.model.upstream_oauth2?.providers ?? [];
    expect(providers.map((p) => p.synapse_idp_id)).toEqual(['ldap']);
    const dex = parse(await readFile(join(info.folder, 'dex.yaml'), 'utf8'));
    expect(dex.staticClients[0].redirectURIs[0]).toMatch(new RegExp(`/upstream/callback/${providers[0]!.id}$`));
    expect(dex.connectors[0].config).toMatchObject({ host: `127.0.0.1:${sandbox.slapd!.ldapPort}`, insecureNoSSL: true });
  });

  it('stopping ends slapd and removes its folder with the rest', async () => {
    const { pid, folder } = sandbox.slapd!;
    expect(alive(pid)).toBe(true);
    await services.stopSandbox();
    expect(alive(pid)).toBe(false);
    expect(existsSync(folder)).toBe(false);
    for (const f of sandbox.folders) expect(existsSync(f), f).toBe(false);
  });

  it('a sandbox left by a crash has its slapd ended and its folder removed on the next start', async () => {
    const dataDir = await tempDataDir();
    const crashed = await host(dataDir);
    const { pid, folder } = crashed.sandbox.slapd!;
    // The app died without quitting; the next start builds its services on the same data folder.
    const next = createServices({ host: 'electron', dataDir, env: process.env });
    started.push(next);
    await next.clearLeftovers();
    expect(alive(pid)).toBe(false);
    expect(existsSync(folder)).toBe(false);
  });
});

describe('the sandbox without OpenLDAP', () => {
  it('starts without the directory and says what to install', async () => {
    const sandbox = await startSandbox({
      populate: (db) => populateSandbox(db, sandboxServerName, 12),
      slapdPaths: { slapd: '/nonexistent/sbin/slapd' },
    });
    try {
      expect(sandbox.slapd).toBeUndefined();
      expect(sandbox.notices).toHaveLength(1);
      expect(sandbox.notices[0]).toMatch(/\/nonexistent\/sbin\/slapd is missing.*without a directory.*apt-get install slapd ldap-utils/);
      const synapse = await loadSynapseConfig([sandbox.files.synapseConfigPath]);
      expect(findLdapModule(synapse)).toBeUndefined();
      const mas = await loadMasConfig([sandbox.files.masConfigPath]);
      expect(mas.model.upstream_oauth2?.providers ?? []).toEqual([]);
      expect(existsSync(join(sandbox.files.folder, 'dex.yaml'))).toBe(false);
      // The rest works: the module's users keep their sample passwords, as without a directory.
      const users = await linkCandidates(sandbox);
      expect(users.filter((u) => u.localpart === 'user10').map((u) => u.hasPassword)).toEqual([true]);
    } finally {
      await sandbox.stop();
    }
    for (const folder of sandbox.folders) expect(existsSync(folder), folder).toBe(false);
  });
});
