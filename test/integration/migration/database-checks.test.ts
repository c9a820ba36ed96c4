import { fixtureMasSchemaVersion } from '../../helpers/pg-clients';
import { describe, expect, it } from 'vitest';
import { checkDatabases } from '../../../src-main/engine/run/database-checks';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import type { Finding } from '../../../src-shared/domain/finding';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { insertRuleRows, ruleSettings } from './rules-fixture';

const byId = (findings: Finding[], id: string) => findings.filter((f) => f.id === id);

describe('database checks (SPEC §2)', () => {
  it('find guests, non-email threepids, previous MAS links with the exact DELETE, and provider problems with counts', async () => {
    const synapse = await databaseWithSchema('synapse');
    const mas = await databaseWithSchema('mas');
    await withClient(synapse, async (c) => {
      await insertRuleRows(c);
      await c.query(`
        INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
          ('oauth-delegated', 'old-1', '@alice:example.org'), ('oauth-delegated', 'old-2', '@carol:example.org'),
          ('saml', 's-1', '@alice:example.org'), ('saml', 's-2', '@carol:example.org'), ('saml', 's-3', '@carol:example.org');
        UPDATE users SET suspended = true WHERE name = '@carol:example.org';`);
    });
    const settings = ruleSettings(synapse, mas, {
      ignoreMissingAuthProviders: false,
      masProviders: ruleSettings('', '').masProviders.slice(0, 1),
    });
    const { findings, mas: inspection, providerUsers } = await checkDatabases(settings);

    // Users per auth_provider, paired or not, for the Identity providers screen: carol's two SAML links count once.
    expect(providerUsers.find((p) => p.authProvider === 'saml')).toEqual({ authProvider: 'saml', users: 2 });
    expect(providerUsers.map((p) => p.authProvider)).toEqual([...providerUsers.map((p) => p.authProvider)].sort());
    expect(byId(findings, 'guests-in-db')[0]).toMatchObject({ severity: 'warning', count: 1 });
    expect(byId(findings, 'non-email-threepids')[0]).toMatchObject({ severity: 'warning', count: 1 });
    const previous = byId(findings, 'previous-mas-links')[0]!;
    expect(previous).toMatchObject({ severity: 'error', count: 2 });
    expect(previous.fix).toContain("DELETE FROM user_external_ids WHERE auth_provider = 'oauth-delegated';");
    // "oidc" is configured in Synapse but has no MAS provider here.
    const missing = byId(findings, 'provider-missing-in-mas')[0]!;
    expect(missing).toMatchObject({ severity: 'error', count: 2 });
    expect(missing.message).toContain('https://id.example.org');
    const unknown = byId(findings, 'provider-unknown-to-synapse');
    expect(unknown.map((f) => [f.severity, f.count, f.source])).toEqual([
      ['error', 1, "user_external_ids.auth_provider = 'oidc-unknown'"],
      ['error', 2, "user_external_ids.auth_provider = 'saml'"],
    ]);
    expect(byId(findings, 'data-notices').find((f) => f.source?.startsWith('users.suspended'))).toMatchObject({
      count: 1,
      examples: ['@carol:example.org'],
    });
    // A run's checks count only the providers MAS does not map, and find the same (a dry run reports them).
    const providerIds = new Set(['previous-mas-links', 'provider-missing-in-mas', 'provider-unknown-to-synapse']);
    const rehearsed = await runMigration({ ...settings, dryRun: true });
    expect(rehearsed.findings.filter((f) => providerIds.has(f.id))).toEqual(findings.filter((f) => providerIds.has(f.id)));
    expect(inspection).toMatchObject({ state: 'fresh', schemaVersion: fixtureMasSchemaVersion() });
    expect(byId(findings, 'mas-schema-version')[0]!.message).toContain(fixtureMasSchemaVersion());

    const ignoring = await checkDatabases({ ...settings, ignoreMissingAuthProviders: true });
    expect(byId(ignoring.findings, 'provider-unknown-to-synapse').map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(byId(ignoring.findings, 'provider-missing-in-mas')[0]!.severity).toBe('error');

    // A MAS provider that bridges SAML (synapse_idp_id: saml) makes those links known (improves on the reference tool).
    const bridged = await checkDatabases({
      ...settings,
      masProviders: [
        ...settings.masProviders,
        {
          id: '01BX5ZZKBKACTAV9WEVGEMMVRZ',
          synapseIdpId: 'saml',
          clientId: 'dex',
          tokenEndpointAuthMethod: 'none',
          scope: 'openid',
          claimsImports: {},
          uiOrder: 9,
          enabled: true,
        },
      ],
    });
    expect(byId(bridged.findings, 'provider-unknown-to-synapse').map((f) => f.source)).toEqual([
      "user_external_ids.auth_provider = 'oidc-unknown'",
    ]);
  });

  it('check never writes: a used MAS database is reported, not changed', async () => {
    const synapse = await databaseWithSchema('synapse');
    const mas = await databaseWithSchema('mas');
    await withClient(mas, (c) => c.query("INSERT INTO users (user_id, username, created_at) VALUES (gen_random_uuid(), 'x', now())"));
    const { findings } = await checkDatabases(ruleSettings(synapse, mas));
    expect(byId(findings, 'mas-not-empty')[0]).toMatchObject({ severity: 'error', source: 'users', count: 1 });
  });

  it('notice the password hashes that are not bcrypt by their $2a$, $2b$ or $2y$ prefix, of migrated users only', async () => {
    const synapse = await databaseWithSchema('synapse');
    const mas = await databaseWithSchema('mas');
    const hashes = ['$2a$10$a', '$2b$', '$2y$12$y', '$2x$10$x', '$2$', '$2', '', '$2A$10$a', 'x$2a$', '$2aa$', null];
    await withClient(synapse, (c) =>
      c.query(
        `INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, appservice_id, deactivated, locked)
         SELECT '@u' || i || ':example.org', h, 1600000000, 0, 0, NULL, 0, false FROM unnest($1::text[]) WITH ORDINALITY AS t(h, i)
         UNION ALL SELECT '@bridge:example.org', 'plain', 1600000000, 0, 0, 'irc', 0, false`,
        [hashes],
      ),
    );
    const { findings } = await checkDatabases(ruleSettings(synapse, mas));
    expect(byId(findings, 'data-notices').find((f) => f.source === 'users.password_hash')).toMatchObject({
      count: 7,
      examples: [
        '@u10:example.org',
        '@u4:example.org',
        '@u5:example.org',
        '@u6:example.org',
        '@u7:example.org',
        '@u8:example.org',
        '@u9:example.org',
      ],
    });
  });
});
