import { testLoginDexClient } from '../../../src-shared/domain/test-login-client';
import type { GenerationWarning } from '../../../src-shared/domain/config';
import { uriAddress } from '../../connect/ldap/directory-target';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { type LdapModule, moduleSource } from './ldap-module';
import { dexClientId } from './mas-ldap-provider';
import { caFileOf, checksCertificate, type ModuleFiles } from './module-target';

export interface DexConfigOptions {
  /** Dex's public URL (its `issuer`). */
  issuer: string;
  /** MAS's callback for the provider (`<public_base>upstream/callback/<ULID>`). */
  redirectUri: string;
  clientSecret: string;
  /** The attribute Dex gives as the user's ID (federated_claims.user_id). */
  idAttribute: string;
  bindPassword: ModuleFiles['bindPassword'];
}

/** tls_options keys (ldap3's Tls object) and the Dex connector field each becomes; `validate` is handled with validate_cert. */
const carriedTlsOptions: Record<string, string | null> = {
  ca_certs_file: 'rootCA',
  local_certificate_file: 'clientCert',
  local_private_key_file: 'clientKey',
  validate: null,
};

function dexHost(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * SPEC §11: Dex's configuration for the module's directory: the LDAP
 * connector built from the module's settings, MAS as a static client,
 * sqlite storage. Whatever Dex cannot do as the module did is warned about.
 */
export function dexConfig(cfg: SynapseConfig, module: LdapModule, options: DexConfigOptions, warnings: GenerationWarning[]) {
  const s = module.settings;
  const warn = (id: string, message: string, ...key: (string | number)[]) =>
    warnings.push({ id, message, source: moduleSource(cfg, module, ...key) });
  const first = s.uris[0]!;
  const { secure, host, port } = uriAddress(first);
  if (s.uris.length > 1)
    warn(
      'ldap-uri-list',
      `The module lists ${s.uris.length} directory servers; Dex connects to one: ${first} was used, ${s.uris.slice(1).join(', ')} ${s.uris.length > 2 ? 'were' : 'was'} not carried over (put a load balancer or DNS name in front of them for Dex).`,
      'uri',
    );
  const connector: Record<string, unknown> = { host: dexHost(host, port) };
  if (!secure && s.startTls) connector.startTLS = true;
  if (!secure && !s.startTls) {
    connector.insecureNoSSL = true;
    warn(
      'ldap-plaintext',
      `${first} without start_tls sends the users' passwords in clear; Dex was set to do the same (insecureNoSSL: true). Use ldaps:// or StartTLS.`,
      'uri',
    );
  }
  if (!checksCertificate(s) && (secure || s.startTls)) {
    connector.insecureSkipVerify = true;
    warn(
      'ldap-validate-cert-off',
      "The module does not check the directory's certificate (validate_cert: false); Dex was set the same (insecureSkipVerify: true), which lets anyone in the middle read passwords. Give Dex the directory's CA (rootCA) instead.",
      s.validateCert ? 'tls_options' : 'validate_cert',
    );
  }
  for (const [key, value] of Object.entries(s.tlsOptions)) {
    const field = carriedTlsOptions[key];
    if (field === null) continue;
    if (field && typeof value === 'string' && value) {
      connector[field] = value;
      warn(
        'ldap-tls-file',
        `tls_options.${key} became ${field}: ${value}; that file must exist at this path where Dex runs (mount it into Dex's container).`,
        'tls_options',
        key,
      );
    } else
      warn(
        'ldap-tls-option-not-carried',
        `tls_options.${key} has no equivalent in Dex's LDAP connector and was not carried over; check Dex connects as the module did.`,
        'tls_options',
        key,
      );
  }
  if (s.bindDn) connector.bindDN = s.bindDn;
  if (typeof options.bindPassword === 'string') connector.bindPW = options.bindPassword;
  else if (options.bindPassword) {
    connector.bindPW = `fill in: the content of ${options.bindPassword.unreadable}`;
    warn(
      'ldap-bind-password-unknown',
      `bind_password_file ${options.bindPassword.unreadable} could not be read: fill in bindPW in the Dex config with its content.`,
      'bind_password_file',
    );
  }
  if (!s.bindDn)
    warn(
      'ldap-anonymous-search',
      'The module has no bind_dn: Dex searches the directory anonymously to find users, which the directory must allow (or give Dex a bindDN and bindPW).',
    );
  const userSearch: Record<string, unknown> = {
    baseDN: s.base,
    ...(s.filter ? { filter: s.filter } : {}),
    username: s.uidAttribute,
    idAttr: options.idAttribute,
    emailAttr: s.mailAttribute ?? 'mail',
    nameAttr: s.nameAttribute ?? 'cn',
    preferredUsernameAttr: s.uidAttribute,
  };
  if (!s.mailAttribute)
    warn('ldap-mail-attribute', 'The module names no mail attribute; Dex needs one: emailAttr was set to mail.', 'attributes');
  if (!s.nameAttribute) warn('ldap-name-attribute', 'The module names no name attribute; Dex nameAttr was set to cn.', 'attributes');
  if (s.activeDirectory)
    warn(
      'ldap-active-directory',
      `active_directory: true cannot be carried over: the module accepted user@domain and DOMAIN\\user logins and derived localparts from them, Dex logs users in by ${s.uidAttribute} alone. No user is linked by the migration in this mode (localparts are not guessed): check how your users log in through Dex and link them by hand.`,
      'active_directory',
    );
  if (s.defaultDomain)
    warn('ldap-default-domain', 'default_domain (Active Directory) has no equivalent in Dex and was not carried over.', 'default_domain');
  if (caFileOf(s) === undefined && (secure || s.startTls) && checksCertificate(s))
    warnings.push({
      id: 'ldap-system-ca',
      message: "Dex checks the directory's certificate against its container's system CAs; if the directory uses a private CA, set rootCA.",
    });
  return {
    issuer: options.issuer,
    storage: { type: 'sqlite3', config: { file: '/var/dex/dex.db' } },
    web: { http: '0.0.0.0:5556' },
    oauth2: { skipApprovalScreen: true },
    staticClients: [
      { id: dexClientId, name: 'Matrix Authentication Service', secret: options.clientSecret, redirectURIs: [options.redirectUri] },
      testLoginDexClient,
    ],
    connectors: [{ type: 'ldap', id: 'ldap', name: 'Directory (LDAP)', config: { ...connector, userSearch } }],
  };
}
