import type { Finding } from '../../../../src-shared/domain/finding';
import { type SynapseConfig, synapseSource } from './synapse-config';
import { synapseDatabaseFinding } from './synapse-database';
import { ldapModuleClass } from '../../directory/ldap-module';

const area = 'synapse-config' as const;

/** `modules` entries that authenticate users (LDAP, REST, PAM, shared-secret, …), judged by the module's name. */
const authModule = /auth|ldap|passw|login|(^|[._])pam/i;

/**
 * Password providers MAS does not support. The LDAP module has its own path
 * (SPEC §11: Dex and a provider with synapse_idp_id: ldap): once MAS has
 * that provider it is handled and not named; until then it points there.
 */
function customPasswordProviders(cfg: SynapseConfig, ldapHandled: boolean): Finding | undefined {
  const m = cfg.model;
  const causes: string[] = [];
  let source: string | undefined;
  const note = (cause: string, path: (string | number)[]) => {
    causes.push(cause);
    source ??= synapseSource(cfg, path);
  };
  if (m.password_config?.enabled !== false && m.password_config?.localdb_enabled === false) {
    note('password_config.localdb_enabled is false (passwords are checked by something else)', ['password_config', 'localdb_enabled']);
  }
  let ldap = false;
  const module = (list: 'password_providers' | 'modules', p: { module: string }, i: number) => {
    if (ldapModuleClass.test(p.module)) {
      if (ldapHandled) return;
      ldap = true;
    }
    note(`${list}: ${p.module}`, [list, i, 'module']);
  };
  (m.password_providers ?? []).forEach((p, i) => {
    module('password_providers', p, i);
  });
  (m.modules ?? []).forEach((p, i) => {
    if (authModule.test(p.module)) module('modules', p, i);
  });
  if (causes.length === 0) return undefined;
  return {
    id: 'password-provider-custom',
    severity: 'warning',
    area,
    message: `Synapse authenticates passwords with custom providers MAS does not support: ${causes.join('; ')}.`,
    fix: ldap
      ? "Users of these providers cannot log in to MAS with their password. For matrix-synapse-ldap3, generate Dex's config and the MAS provider for it (`config generate --dex-output dex.yaml --dex-issuer URL`, or the Identity providers screen): the migration then links every directory user. For the others, put a bridge in front (e.g. Dex or Keycloak) and add it to MAS as an upstream OAuth 2.0 provider, or make sure those users have a local password."
      : 'Users of these providers cannot log in to MAS with their password. Put a bridge in front of the directory (for LDAP, e.g. Dex or Keycloak) and add it to MAS as an upstream OAuth 2.0 provider, or make sure those users have a local password.',
    source,
    count: causes.length,
  };
}

function ssoFindings(cfg: SynapseConfig): Finding[] {
  const systems = [
    ['sso-cas', 'cas_config', 'CAS', 'Configure the CAS server (or a bridge such as Dex) as a MAS upstream OAuth 2.0 provider'],
    [
      'sso-saml2',
      'saml2_config',
      'SAML2',
      "MAS cannot speak SAML2: add a MAS upstream provider with synapse_idp_id: saml (to keep existing links), preferably on the identity provider's own OpenID Connect side, or through Dex's saml connector (the Identity providers screen's SAML card generates either; on the command line, `config generate --saml-issuer URL --saml-client-id ID` the first and `config generate --dex-output` the second)",
    ],
    [
      'sso-jwt',
      'jwt_config',
      'JWT login',
      'MAS has no JWT login: issue tokens through an OIDC provider configured as a MAS upstream provider instead',
    ],
  ] as const;
  return systems
    .filter(([, key]) => cfg.model[key]?.enabled === true)
    .map(([id, key, name, fix]) => ({
      id,
      severity: 'warning' as const,
      area,
      message: `${name} single sign-on is enabled in Synapse (${key}.enabled: true); MAS cannot take it over directly.`,
      fix: `${fix}. Users who only log in through ${name} cannot log in until this is done.`,
      source: synapseSource(cfg, [key, 'enabled']),
    }));
}

/** SPEC §2, configuration checks on Synapse alone. */
export function checkSynapseConfig(cfg: SynapseConfig, options: { ldapHandled: boolean } = { ldapHandled: false }): Finding[] {
  const m = cfg.model;
  const findings: Finding[] = [];
  const db = synapseDatabaseFinding(cfg);
  if (db) findings.push(db);
  if (m.enable_registration === true) {
    findings.push({
      id: 'registration-enabled',
      severity: 'warning',
      area,
      message: 'Registration is enabled in Synapse (enable_registration: true).',
      fix: 'Set enable_registration: false in homeserver.yaml once migrated, before Synapse starts again; MAS handles registration from then on.',
      source: synapseSource(cfg, ['enable_registration']),
    });
  }
  if (m.user_consent != null) {
    findings.push({
      id: 'user-consent',
      severity: 'warning',
      area,
      message: 'Synapse asks users for consent (user_consent is set).',
      fix: 'Remove user_consent from homeserver.yaml after the migration; set branding.tos_uri in MAS for the terms of service.',
      source: synapseSource(cfg, ['user_consent']),
    });
  }
  findings.push(...ssoFindings(cfg));
  const custom = customPasswordProviders(cfg, options.ldapHandled);
  if (custom) findings.push(custom);
  if (m.enable_3pid_changes === true) {
    findings.push({
      id: 'threepid-changes',
      severity: 'error',
      area,
      message: 'enable_3pid_changes is true: Synapse would keep changing e-mail addresses and phone numbers that MAS now owns.',
      fix: 'Remove enable_3pid_changes from homeserver.yaml (or set it to false); MAS account.email_change_allowed controls e-mail changes.',
      source: synapseSource(cfg, ['enable_3pid_changes']),
    });
  }
  if (m.login_via_existing_session?.enabled === true) {
    findings.push({
      id: 'login-via-existing-session',
      severity: 'error',
      area,
      message: 'login_via_existing_session.enabled is true: MAS cannot offer login via an existing session.',
      fix: 'Set login_via_existing_session.enabled: false in homeserver.yaml; MAS provides QR-code login instead.',
      source: synapseSource(cfg, ['login_via_existing_session', 'enabled']),
    });
  }
  if (m.allow_guest_access === true) {
    findings.push({
      id: 'guests-enabled',
      severity: 'error',
      area,
      message: 'Guest access is enabled in Synapse (allow_guest_access: true); MAS does not support guests.',
      fix: 'Set allow_guest_access: false in homeserver.yaml.',
      source: synapseSource(cfg, ['allow_guest_access']),
    });
  }
  return findings;
}
