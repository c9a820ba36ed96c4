import { Document, isMap, type Scalar } from 'yaml';
import type { GenerationWarning } from '../../../../src-shared/domain/config';
import { masDocumentText } from '../mas/mas-document';
import { synapseProviders } from '../providers';
import { generateSigningKeys, randomHex } from './signing-keys';
import { type SynapseConfig, synapseMasSecret, synapseSource } from '../synapse/synapse-config';
import { upstreamProvider } from './upstream-provider';

export interface GeneratedMasConfig {
  /** The config as a YAML document (comments included), for editing before saving. */
  document: Document;
  yaml: string;
  /** Everything that could not be carried over as it was, or must be filled in. */
  warnings: GenerationWarning[];
}

/** MAS's default listeners: the public web listener and an internal health check. */
const defaultListeners = [
  {
    name: 'web',
    resources: ['discovery', 'human', 'oauth', 'compat', 'graphql', 'assets'].map((name) => ({ name })),
    binds: [{ address: '[::]:8080' }],
    proxy_protocol: false,
  },
  { name: 'internal', resources: [{ name: 'health' }], binds: [{ host: 'localhost', port: 8081 }], proxy_protocol: false },
];

function passwordsSection(syn: SynapseConfig, warnings: GenerationWarning[]): Record<string, unknown> {
  const pc = syn.model.password_config;
  if (pc?.enabled === false) return { enabled: false };
  if (pc?.enabled === 'only_for_reauth') {
    warnings.push({
      id: 'passwords-only-for-reauth',
      message:
        'password_config.enabled is only_for_reauth, which MAS lacks: password login is enabled in MAS; set passwords.enabled: false if users must not log in with passwords.',
      source: synapseSource(syn, ['password_config', 'enabled']),
    });
  }
  const bcrypt: Record<string, unknown> = { version: 1, algorithm: 'bcrypt' };
  if (syn.model.bcrypt_rounds != null) bcrypt.cost = syn.model.bcrypt_rounds;
  if (pc?.pepper) bcrypt.secret = pc.pepper;
  bcrypt.unicode_normalization = true;
  return { enabled: true, schemes: [bcrypt, { version: 2, algorithm: 'argon2id' }] };
}

function accountSection(syn: SynapseConfig): Record<string, unknown> {
  const m = syn.model;
  const account: Record<string, unknown> = {};
  if (m.password_config?.enabled !== false) {
    account.password_registration_enabled = m.enable_registration === true;
    // SPEC §7 (improves on the reference tool): invite-only stays invite-only.
    account.password_registration_token_required = m.registration_requires_token === true;
  }
  if (m.enable_3pid_changes != null) account.email_change_allowed = m.enable_3pid_changes;
  account.displayname_change_allowed = m.enable_set_display_name !== false;
  return account;
}

function captchaSection(syn: SynapseConfig, warnings: GenerationWarning[]): Record<string, unknown> | undefined {
  const m = syn.model;
  if (m.enable_registration_captcha !== true) return undefined;
  const captcha: Record<string, unknown> = { service: 'recaptcha_v2' };
  if (m.recaptcha_public_key) captcha.site_key = m.recaptcha_public_key;
  if (m.recaptcha_private_key) captcha.secret_key = m.recaptcha_private_key;
  if (!m.recaptcha_public_key || !m.recaptcha_private_key) {
    warnings.push({
      id: 'captcha-keys-missing',
      message:
        'Captcha is on but recaptcha_public_key or recaptcha_private_key is not set inline in Synapse: fill in captcha.site_key and captcha.secret_key.',
      source: synapseSource(syn, ['enable_registration_captcha']),
    });
  }
  return captcha;
}

function providersSection(syn: SynapseConfig, warnings: GenerationWarning[]): Record<string, unknown>[] {
  const legacy = syn.model.oidc_config;
  if (legacy && !(legacy.issuer && legacy.client_id)) {
    warnings.push({
      id: 'legacy-oidc-incomplete',
      message: 'oidc_config lacks issuer or client_id, so Synapse never used it; it was not carried over.',
      source: synapseSource(syn, ['oidc_config']),
    });
  }
  return synapseProviders(syn).map((p) => upstreamProvider(syn, p, warnings));
}

/** Synapse may already have the integration section (SPEC §9): keep its secret so both sides stay in agreement. */
function matrixSecret(syn: SynapseConfig, warnings: GenerationWarning[]): string {
  const existing = synapseMasSecret(syn);
  if (existing !== 'unknown' && existing) return existing;
  if (existing === 'unknown') {
    warnings.push({
      id: 'synapse-mas-secret-unknown',
      message:
        "Synapse's matrix_authentication_service.secret_path could not be read: a new matrix.secret was generated; put it into that file on the Synapse host.",
      source: synapseSource(syn, ['matrix_authentication_service', 'secret_path']),
    });
  }
  return randomHex(32);
}

/** Puts a comment above a top-level key, so the admin sees what to fill in. */
function commentKey(doc: Document, key: string, comment: string): void {
  if (!isMap(doc.contents)) return;
  const pair = doc.contents.items.find((item) => (item.key as Scalar).value === key);
  if (pair) (pair.key as Scalar).commentBefore = comment;
}

/**
 * SPEC §7: a complete MAS config with fresh secrets, carried over from
 * Synapse's, and the list of what could not be carried over.
 */
export async function generateMasConfig(syn: SynapseConfig): Promise<GeneratedMasConfig> {
  // What the loader skipped comes first: it says which settings were (not) read at all.
  const warnings: GenerationWarning[] = syn.warnings.map(({ id, message, source }) => ({ id, message, source }));
  const m = syn.model;
  const keys = await generateSigningKeys();
  const config: Record<string, unknown> = {
    http: {
      listeners: defaultListeners,
      trusted_proxies: ['192.168.0.0/16', '172.16.0.0/12', '10.0.0.0/10', '127.0.0.1/8', 'fd00::/8', '::1/128'],
      public_base: 'http://localhost:8080/',
      issuer: 'http://localhost:8080/',
    },
    database: { uri: 'postgresql://mas@localhost:5432/mas' },
    secrets: { encryption: randomHex(32), keys },
    matrix: {
      kind: 'synapse',
      homeserver: m.server_name,
      secret: matrixSecret(syn, warnings),
      endpoint: m.public_baseurl ?? 'http://localhost:8008/',
    },
    passwords: passwordsSection(syn, warnings),
    account: accountSection(syn),
  };
  const captcha = captchaSection(syn, warnings);
  if (captcha) config.captcha = captcha;
  const providers = providersSection(syn, warnings);
  if (providers.length > 0) config.upstream_oauth2 = { providers };
  if (!m.public_baseurl) {
    warnings.push({
      id: 'fill-in-matrix-endpoint',
      message: "Synapse has no public_baseurl: set matrix.endpoint to the URL where MAS reaches Synapse's client API.",
      source: synapseSource(syn, ['public_baseurl']),
    });
  }
  warnings.push(
    {
      id: 'fill-in-public-base',
      message: "Set http.public_base (and issuer) to MAS's public URL; http://localhost:8080/ is a placeholder.",
    },
    {
      id: 'fill-in-database',
      message: 'Set database to the (empty, migrated with `mas-cli database migrate`) MAS database; the URI is a placeholder.',
    },
  );
  const document = new Document(config);
  document.commentBefore = ` MAS config generated from Synapse's (${syn.files.join(', ')}).\n Keep it secret: it holds MAS's keys and secrets.`;
  commentKey(document, 'http', ' Fill in: the public URL of MAS.');
  commentKey(document, 'database', ' Fill in: the MAS database (see also host/port/username/password/database).');
  return { document, yaml: masDocumentText(document), warnings };
}
