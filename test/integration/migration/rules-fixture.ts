import type pg from 'pg';
import type { MigrationSettings } from '../../../src-main/engine/run/migration-settings';
import { connectorFor } from '../../helpers/pg-clients';

export const serverName = 'example.org';
export const googleProviderUlid = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
export const oidcProviderUlid = '01BX5ZZKBKACTAV9WEVGEMMVRZ';
export const encryptionKeyHex = '0f'.repeat(32);
/** Synapse rows migrated per entity stage from the rule rows (ignoring the unknown provider). */
export const migratedPerStage = [
  ['users', 6],
  ['threepids', 3],
  ['external-ids', 2],
  ['access-tokens', 4],
  ['refresh-pairs', 3],
  ['devices', 5],
  ['registration-tokens', 0],
];
export const giantUserAgent = `Mozilla/5.0 ${'x'.repeat(100_000)}`;

/**
 * Hand-written Synapse rows, one or more per SPEC §5 rule, so every outcome
 * can be asserted row by row. Timestamps: users.creation_ts in seconds,
 * everything else in milliseconds.
 */
export async function insertRuleRows(client: pg.Client): Promise<void> {
  await client.query(
    `
    INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, appservice_id, deactivated, locked) VALUES
      ('@alice:example.org', '$2b$12$alicehashalicehashalicehashalicehashalicehashalice', 1600000000, 1, 0, NULL, 0, false),
      ('@bob:example.org', NULL, 1600000100, 0, 0, NULL, 1, false),
      ('@carol:example.org', '$2y$10$carolcarolcarolcarolcarolcarolcarolcarolcarolcar', NULL, 0, 0, NULL, 0, true),
      ('@dave:example.org', NULL, NULL, 0, 0, NULL, 0, false),
      ('@guest1:example.org', NULL, 1600000200, 0, 1, NULL, 0, false),
      ('@bridge_x:example.org', NULL, 1600000300, 0, 0, 'irc', 0, false),
      ('@irc_a:b:example.org', NULL, 1600000300, 0, 0, 'irc', 0, false),
      ('@erin:example.org', '$argon2id$v=19$notbcrypt', 1600000400, 1, 0, NULL, 0, false);

    INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
      ('@alice:example.org', 'email', 'alice@example.org', 1600000001000, 1600000001000),
      ('@alice:example.org', 'msisdn', '15551234', 1600000002000, 1600000002000),
      ('@carol:example.org', 'email', 'carol@example.org', 1500000000000, 1500000000000),
      ('@bridge_x:example.org', 'email', 'bridge@example.org', 1600000003000, 1600000003000);

    INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
      ('oidc-google', 'g-alice', '@alice:example.org'),
      ('oidc', 'sub-carol', '@carol:example.org'),
      ('oidc-unknown', 'u-bob', '@bob:example.org'),
      ('oidc', 'sub-bridge', '@bridge_x:example.org');

    INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) VALUES
      ('@alice:example.org', 'DEV_A1', 'Alice phone', 1600000500000, '192.168.1.10', 'Element Android', false),
      ('@alice:example.org', 'DEV_A2', 'Hidden', 1600000500000, '192.168.1.11', 'x', true),
      ('@alice:example.org', 'DEV_A3', 'Garbage IP', 1600000600000, 'garbage', :giant_ua, false),
      ('@alice:example.org', 'DEV_A4', NULL, NULL, '-', NULL, false),
      ('@alice:example.org', 'DEV_A5', 'Refreshing', 1600000700000, '2001:db8::1', 'Element X', false),
      ('@bob:example.org', 'DEV_B1', 'Deactivated', 1600000500000, '10.0.0.1', 'x', false),
      ('@guest1:example.org', 'guest_device', NULL, 1600000500000, '10.0.0.2', 'x', false),
      ('@bridge_x:example.org', 'DEV_X', NULL, 1600000500000, '10.0.0.3', 'x', false),
      ('@carol:example.org', 'DEV_C1', 'Carol laptop', 1550000000000, '10.0.0.4', 'x', false);

    INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id) VALUES
      (101, '@alice:example.org', 'DEV_A5', 'syr_101', NULL),
      (100, '@alice:example.org', 'DEV_A5', 'syr_100', 101),
      (103, '@alice:example.org', 'DEV_A5', 'syr_103', NULL),
      (102, '@alice:example.org', 'DEV_A5', 'syr_102', 103),
      (104, '@alice:example.org', 'DEV_A5', 'syr_104', NULL);

    INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, puppets_user_id, last_validated, refresh_token_id, used) VALUES
      (1, '@alice:example.org', 'DEV_A1', 'syt_1', 1700000000000, NULL, 1600000400000, NULL, NULL),
      (2, '@alice:example.org', 'DEV_A1', 'syt_2', NULL, NULL, 1600000300000, NULL, NULL),
      (3, '@alice:example.org', 'DEV_A1', 'syt_3_puppet', NULL, '@carol:example.org', 1600000100000, NULL, NULL),
      (4, '@alice:example.org', NULL, 'syt_4_deviceless', NULL, NULL, NULL, NULL, NULL),
      (5, '@alice:example.org', 'DEV_NOPE', 'syt_5', NULL, NULL, 1600000100000, NULL, NULL),
      (6, '@alice:example.org', 'DEV_A2', 'syt_6', NULL, NULL, 1600000100000, NULL, NULL),
      (7, '@bob:example.org', NULL, 'syt_7', NULL, NULL, 1600000100000, NULL, NULL),
      (8, '@erin:example.org', NULL, 'syt_8_admin', NULL, NULL, 1600000800000, NULL, NULL),
      (9, '@bridge_x:example.org', 'DEV_X', 'syt_9', NULL, NULL, 1600000100000, NULL, NULL),
      (10, '@alice:example.org', 'DEV_A5', 'syt_10', NULL, NULL, 1600000100000, 100, true),
      (11, '@alice:example.org', 'DEV_A5', 'syt_11', 1800000000000, NULL, 1600000200000, 101, true),
      (12, '@alice:example.org', 'DEV_A5', 'syt_12', NULL, NULL, 1600000250000, 102, true),
      (13, '@alice:example.org', 'DEV_A5', 'syt_13', NULL, NULL, NULL, 103, false);
    ANALYZE;
    `.replace(':giant_ua', client.escapeLiteral(giantUserAgent)),
  );
}

export function ruleSettings(synapseUrl: string, masUrl: string, overrides: Partial<MigrationSettings> = {}): MigrationSettings {
  return {
    serverName,
    synapseDatabase: connectorFor(synapseUrl),
    masDatabase: connectorFor(masUrl),
    synapseProviders: [
      { idpId: 'oidc-google', issuer: 'https://accounts.google.com' },
      { idpId: 'oidc', issuer: 'https://id.example.org' },
    ],
    masProviders: [
      {
        id: googleProviderUlid,
        synapseIdpId: 'oidc-google',
        issuer: 'https://accounts.google.com',
        humanName: 'Google',
        brandName: 'google',
        clientId: 'google-client',
        clientSecret: 'google-secret',
        tokenEndpointAuthMethod: 'client_secret_basic',
        scope: 'openid profile email',
        discoveryMode: 'oidc',
        pkceMethod: 'auto',
        fetchUserinfo: false,
        claimsImports: {},
        uiOrder: 0,
        enabled: true,
      },
      {
        id: oidcProviderUlid,
        synapseIdpId: 'oidc',
        issuer: 'https://id.example.org',
        clientId: 'mas',
        tokenEndpointAuthMethod: 'none',
        scope: 'openid',
        claimsImports: {},
        uiOrder: 1,
        enabled: true,
      },
    ],
    encryptionKeyHex,
    ignoreMissingAuthProviders: true,
    allowSynapseConnections: false,
    writers: 3,
    dryRun: false,
    ...overrides,
  };
}
