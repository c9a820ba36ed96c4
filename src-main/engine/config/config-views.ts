import type { MasConfigView, SynapseConfigView } from '../../../src-shared/contract/config';
import type { SecretState } from '../../../src-shared/domain/config';
import { type MasConfig, masDatabasePasswordGiven, masDatabaseSettings, masSecret } from './mas/mas-config';
import { masProviderView, synapseProviderView, synapseProviders } from './providers';
import type { SecretFile } from './secret-files';
import type { SynapseConfig } from './synapse/synapse-config';
import { findLdapModule } from '../directory/ldap-module';
import { maskedSynapseYaml } from './synapse/masked-synapse-yaml';

/** What the renderer may know of a secret (DESIGN: only whether it is set). */
const state = (value: unknown): SecretState => ({ set: value !== undefined && value !== null && value !== '' });
const fileViews = (files: readonly SecretFile[]) => files.map(({ key, file, status }) => ({ key, file, status }));

/** A libpq URI as the renderer may see it: the password left out. */
function uriWithoutPassword(uri: string): string {
  return uri.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1@');
}

export function synapseView(cfg: SynapseConfig): SynapseConfigView {
  const m = cfg.model;
  const args = m.database?.args;
  const pc = m.password_config;
  return {
    files: cfg.files,
    warnings: cfg.warnings,
    maskedYaml: maskedSynapseYaml(cfg),
    serverName: m.server_name,
    publicBaseurl: m.public_baseurl ?? null,
    databaseDriver: m.database?.name ?? 'sqlite3',
    database: args
      ? {
          host: args.host ?? null,
          port: args.port == null ? null : Number(args.port),
          user: args.user ?? null,
          database: args.dbname ?? args.database ?? null,
          password: state(args.password),
          uri: null,
        }
      : null,
    passwords: { enabled: pc?.enabled !== false, localdb: pc?.localdb_enabled !== false, pepper: state(pc?.pepper) },
    registration: { enabled: m.enable_registration === true, captcha: m.enable_registration_captcha === true },
    providers: synapseProviders(cfg).map((p) => synapseProviderView(cfg, p)),
    secretFiles: fileViews(cfg.secretFiles),
    bridges: { ldapUidAttribute: findLdapModule(cfg)?.settings.uidAttribute ?? null, saml: m.saml2_config?.enabled === true },
  };
}

function masDatabaseView(cfg: MasConfig): MasConfigView['database'] {
  const db = cfg.model.database;
  if (!db) return null;
  try {
    const c = masDatabaseSettings(cfg);
    return {
      host: c.host ?? null,
      port: c.port === undefined ? null : Number(c.port),
      user: c.user ?? null,
      database: c.dbname ?? null,
      password: { set: masDatabasePasswordGiven(cfg) },
      uri: db.uri ? uriWithoutPassword(db.uri) : null,
    };
  } catch {
    // An inconsistent section is reported by validation; the view just shows none.
    return null;
  }
}

export function masView(cfg: MasConfig): MasConfigView {
  const m = cfg.model;
  return {
    files: cfg.files,
    warnings: cfg.warnings,
    homeserver: m.matrix?.homeserver ?? null,
    endpoint: m.matrix?.endpoint ?? null,
    matrixSecret: state(masSecret(cfg, m.matrix?.secret, 'matrix.secret_file')),
    encryption: state(masSecret(cfg, m.secrets?.encryption, 'secrets.encryption_file')),
    database: masDatabaseView(cfg),
    passwords: {
      enabled: m.passwords?.enabled !== false,
      schemes: (m.passwords?.schemes ?? []).map((s, i) => ({
        version: s.version,
        algorithm: s.algorithm,
        cost: s.cost ?? null,
        secret: state(masSecret(cfg, s.secret, `passwords.schemes[${i}].secret_file`)),
        unicodeNormalization: s.unicode_normalization === true,
      })),
    },
    providers: (m.upstream_oauth2?.providers ?? []).map((p, i) => masProviderView(cfg, p, i)),
    captchaService: m.captcha?.service ?? null,
    tosUri: m.branding?.tos_uri ?? null,
    secretFiles: fileViews(cfg.secretFiles),
  };
}
