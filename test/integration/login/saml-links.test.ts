import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dexSamlRoute } from '../../../src-main/engine/config/saml/dex-saml-config';
import type { IdpMetadata } from '../../../src-main/engine/config/saml/idp-metadata';
import { loginVerdict } from '../../../src-main/engine/login/login-verdict';
import { masSubjectLookup } from '../../../src-main/engine/login/subject-links';
import { evaluateSubjectTemplate } from '../../../src-main/engine/login/subject-template';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import type { MasProviderSettings } from '../../../src-main/engine/run/migration-settings';
import { verifyMigration } from '../../../src-main/engine/verify/verify-migration';
import { synapseAndMas } from '../migration/database-pair';
import { ruleSettings, serverName } from '../migration/rules-fixture';

/** What the generated Dex route needs of the IdP's metadata; the certificate is not used by the migration. */
const metadata: IdpMetadata = {
  entityId: 'https://idp.example.org',
  ssoUrl: 'https://idp.example.org/sso',
  signingCertificates: ['-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n'],
  expiries: [new Date('2100-01-01')],
  nameIdFormats: [],
};

/** The generated MAS provider (a config map) as the migration's settings carry it. */
function asSettings(p: Record<string, unknown>): MasProviderSettings {
  return {
    id: String(p.id),
    synapseIdpId: String(p.synapse_idp_id),
    issuer: String(p.issuer),
    clientId: String(p.client_id),
    clientSecret: String(p.client_secret),
    tokenEndpointAuthMethod: String(p.token_endpoint_auth_method),
    scope: String(p.scope),
    claimsImports: p.claims_imports as Record<string, unknown>,
    uiOrder: 2,
    enabled: true,
  } as MasProviderSettings;
}

describe('a SAML homeserver through the Dex route (SPEC §12): the saml links migrate unchanged and verify matches', () => {
  it('migrates Synapse’s saml links to the generated provider, verify matches, and a Dex login for jdoe lands on @jdoe', async () => {
    const { synapse, mas } = await synapseAndMas(async (c) => {
      await c.query(`
        INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, appservice_id, deactivated, locked) VALUES
          ('@jdoe:example.org', NULL, 1600000000, 0, 0, NULL, 0, false),
          ('@asmith:example.org', NULL, 1600000100, 0, 0, NULL, 0, false);
        INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
          ('saml', 'jdoe', '@jdoe:example.org'),
          ('saml', 'a.smith', '@asmith:example.org');`);
    });
    const route = dexSamlRoute({
      saml: { metadata: [] },
      metadata,
      dexIssuer: 'https://dex.example.org',
      masPublicBase: 'https://auth.example.org',
    });
    const provider = asSettings(route.masProvider);
    // No --ignore-missing-auth-providers: the saml links must be taken over by the generated provider, not skipped.
    const settings = ruleSettings(synapse, mas, { masProviders: [provider], ignoreMissingAuthProviders: false, writers: 1 });
    await runMigration(settings);

    const client = new pg.Client({ connectionString: mas });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT l.subject, u.username FROM upstream_oauth_links l JOIN users u USING (user_id) ORDER BY l.subject`,
      );
      expect(rows).toEqual([
        { subject: 'a.smith', username: 'asmith' },
        { subject: 'jdoe', username: 'jdoe' },
      ]);
      // Dex's ID token carries the SAML uid in `name` (usernameAttr: uid); the provider's template reads it.
      const template = (route.masProvider.claims_imports as { subject: { template: string } }).subject.template;
      const subject = evaluateSubjectTemplate(template, { sub: 'CgRqZG9lEgRzYW1s', name: 'jdoe', email: 'jdoe@example.org' });
      const lookup = masSubjectLookup(client, provider.id, serverName);
      expect(subject.kind === 'value' && loginVerdict(subject, { ...(await lookup.find(subject.value)), origin: lookup.origin }).line).toBe(
        'This login is subject "jdoe": it is @jdoe:example.org\'s link (migrated from Synapse).',
      );
    } finally {
      await client.end();
    }

    const verification = await verifyMigration(settings);
    expect(verification.outcome).toBe('match');
    expect(verification.tables.find((t) => t.table === 'upstream_oauth_links')).toMatchObject({ expected: 2, found: 2, matching: 2 });
  });
});
