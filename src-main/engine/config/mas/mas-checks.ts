import type { Finding } from '../../../../src-shared/domain/finding';
import { type MasConfig, masSecret, masSource } from './mas-config';
import type { MasPasswordScheme } from './mas-model';
import { type SynapseConfig, synapseMasSecret, synapseSource } from '../synapse/synapse-config';

const area = 'mas-config' as const;

/** MAS's default when `passwords.schemes` is absent. */
const defaultSchemes: MasPasswordScheme[] = [{ version: 1, algorithm: 'argon2id' }];

function passwordFindings(syn: SynapseConfig, mas: MasConfig): Finding[] {
  const schemes = mas.model.passwords?.schemes ?? defaultSchemes;
  const index = schemes.findIndex((s) => s.version === 1);
  const scheme = schemes[index];
  const schemesKey = ['passwords', 'schemes'];
  if (!scheme) {
    return [
      {
        id: 'password-scheme-missing',
        severity: 'error',
        area,
        message: `MAS has no password scheme with version 1 (versions: ${schemes.map((s) => s.version).join(', ') || 'none'}); Synapse's bcrypt hashes would not verify.`,
        fix: 'Add a scheme { version: 1, algorithm: bcrypt, unicode_normalization: true } (with secret: the Synapse pepper, if any) to passwords.schemes, and give new hashes a higher version.',
        source: masSource(mas, schemesKey),
      },
    ];
  }
  const at = (key: string) => masSource(mas, [...schemesKey, index, key]);
  const findings: Finding[] = [];
  if (scheme.algorithm !== 'bcrypt') {
    findings.push({
      id: 'password-scheme-not-bcrypt',
      severity: 'error',
      area,
      message: `MAS password scheme 1 uses ${scheme.algorithm}, but Synapse's hashes are bcrypt.`,
      fix: 'Set passwords.schemes version 1 to algorithm: bcrypt and move other algorithms to higher versions.',
      source: mas.model.passwords?.schemes ? at('algorithm') : masSource(mas, ['passwords']),
    });
  }
  // An empty pepper or secret is the same as none.
  const pepper = syn.model.password_config?.pepper || undefined;
  const secret = masSecret(mas, scheme.secret, `passwords.schemes[${index}].secret_file`) || undefined;
  if (secret === 'unknown') {
    findings.push({
      id: 'password-scheme-pepper-unknown',
      severity: 'warning',
      area,
      message: "MAS password scheme 1 reads its secret from a file on the MAS host, so it cannot be compared with Synapse's pepper here.",
      fix: `Make sure that file holds exactly Synapse's password_config.pepper${pepper ? '' : ' (Synapse has none, so the file should not be used)'}.`,
      source: at('secret_file'),
    });
  } else if (secret !== pepper) {
    findings.push({
      id: 'password-scheme-pepper',
      severity: 'error',
      area,
      message: pepper
        ? `MAS password scheme 1's secret ${secret === undefined ? 'is not set' : 'differs from'} Synapse's password_config.pepper; no password would verify.`
        : 'MAS password scheme 1 has a secret but Synapse has no pepper; no password would verify.',
      fix: pepper
        ? "Set the version 1 scheme's secret to Synapse's password_config.pepper."
        : "Remove the secret from MAS's version 1 scheme.",
      source: pepper ? synapseSource(syn, ['password_config', 'pepper']) : at('secret'),
    });
  }
  if (scheme.unicode_normalization !== true) {
    findings.push({
      id: 'password-unicode-normalization',
      severity: 'warning',
      area,
      message:
        'MAS password scheme 1 lacks unicode_normalization: true; Synapse NFKC-normalises passwords before hashing, so users with non-ASCII passwords could not log in.',
      fix: 'Add unicode_normalization: true to the version 1 (bcrypt) scheme in passwords.schemes.',
      source: mas.model.passwords?.schemes ? masSource(mas, [...schemesKey, index]) : masSource(mas, ['passwords']),
    });
  }
  return findings;
}

/** Synapse already has the integration section (SPEC §9): its secret must be MAS's matrix.secret. */
function integrationFinding(syn: SynapseConfig, mas: MasConfig): Finding | undefined {
  if (syn.model.matrix_authentication_service?.enabled !== true) return undefined;
  const synapseSecret = synapseMasSecret(syn);
  const masSecretValue = masSecret(mas, mas.model.matrix?.secret, 'matrix.secret_file');
  const known = (v: string | undefined): v is string => v !== undefined && v !== 'unknown';
  if (!known(synapseSecret) || !known(masSecretValue) || synapseSecret === masSecretValue) return undefined;
  return {
    id: 'mas-integration-secret-mismatch',
    severity: 'warning',
    area,
    message:
      "Synapse's matrix_authentication_service.secret differs from MAS's matrix.secret; Synapse and MAS would reject each other's requests.",
    fix: "Put MAS's matrix.secret into homeserver.yaml's matrix_authentication_service section (or the other way round) before starting Synapse again.",
    source: synapseSource(syn, ['matrix_authentication_service', 'secret']),
  };
}

/** SPEC §2, configuration checks of Synapse against MAS. */
export function checkSynapseAgainstMas(syn: SynapseConfig, mas: MasConfig): Finding[] {
  const findings: Finding[] = [];
  if (syn.model.password_config?.enabled !== false) findings.push(...passwordFindings(syn, mas));
  const homeserver = mas.model.matrix?.homeserver ?? 'localhost:8008';
  if (homeserver !== syn.model.server_name) {
    findings.push({
      id: 'server-name-mismatch',
      severity: 'error',
      area,
      message: `MAS matrix.homeserver is "${homeserver}" but Synapse's server_name is "${syn.model.server_name}".`,
      fix: `Set matrix.homeserver: ${syn.model.server_name} in the MAS config.`,
      source: masSource(mas, ['matrix', 'homeserver']),
    });
  }
  const integration = integrationFinding(syn, mas);
  if (integration) findings.push(integration);
  if (syn.model.enable_registration_captcha === true && mas.model.captcha?.service == null) {
    findings.push({
      id: 'captcha-not-ported',
      severity: 'warning',
      area,
      message: 'Synapse requires a captcha at registration (enable_registration_captcha: true) but MAS has no captcha.service.',
      fix: "Set captcha.service (recaptcha_v2 with site_key and secret_key from Synapse's recaptcha keys) in the MAS config.",
      source: synapseSource(syn, ['enable_registration_captcha']),
    });
  }
  if (syn.model.registration_requires_token === true && mas.model.account?.password_registration_token_required !== true) {
    const open = mas.model.account?.password_registration_enabled === true;
    findings.push({
      id: 'registration-token-not-required',
      severity: 'warning',
      area,
      message: `Synapse requires a registration token (registration_requires_token: true) but MAS does not (account.password_registration_token_required is not true): ${open ? 'anyone can register' : 'once password registration is enabled, anyone can register'}.`,
      fix: 'Set account.password_registration_token_required: true in the MAS config; the registration tokens are migrated and keep working there.',
      source: synapseSource(syn, ['registration_requires_token']),
    });
  }
  if (syn.model.user_consent != null && mas.model.branding?.tos_uri == null) {
    findings.push({
      id: 'consent-not-ported',
      severity: 'warning',
      area,
      message: 'Synapse asks for consent (user_consent) but MAS has no branding.tos_uri.',
      fix: 'Set branding.tos_uri in the MAS config to the URL of your terms of service.',
      source: synapseSource(syn, ['user_consent']),
    });
  }
  return findings;
}
