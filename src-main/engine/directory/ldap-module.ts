import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { type SynapseConfig, synapseSource } from '../config/synapse/synapse-config';
import type { KeyPath } from '../config/yaml/yaml-files';

/** The module's class: `LdapAuthProviderModule` in `modules:`, `LdapAuthProvider` in the legacy `password_providers:` (SPEC §11). */
export const ldapModuleClass = /^ldap_auth_provider\.LdapAuthProvider(Module)?$/;

const str = z.string().nullish();
const bool = z.boolean().nullish();

/** The module's `config` (SPEC §11); loose, since other keys of the module pass untouched. */
const ModuleConfig = z.looseObject({
  enabled: bool,
  mode: z.enum(['simple', 'search']).nullish(),
  uri: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'must be an ldap:// or ldaps:// URI, or a list of them' }),
  start_tls: bool,
  validate_cert: bool,
  tls_options: z.record(z.string(), z.unknown()).nullish(),
  base: z.string({ error: 'must be the search base DN' }),
  attributes: z.looseObject({ uid: z.string({ error: 'must name the attribute users log in with' }).min(1), mail: str, name: str }),
  bind_dn: str,
  bind_password: str,
  bind_password_file: str,
  filter: str,
  active_directory: bool,
  default_domain: str,
});

/** The module's settings, with the module's own defaults applied. */
export interface LdapModuleSettings {
  mode: 'simple' | 'search';
  uris: string[];
  startTls: boolean;
  validateCert: boolean;
  tlsOptions: Record<string, unknown>;
  base: string;
  uidAttribute: string;
  mailAttribute: string | undefined;
  nameAttribute: string | undefined;
  bindDn: string | undefined;
  /** Inline; the file's value is read separately (it lives where Synapse runs). */
  bindPassword: string | undefined;
  bindPasswordFile: string | undefined;
  filter: string | undefined;
  activeDirectory: boolean;
  defaultDomain: string | undefined;
}

/** The configured module and where: its `config` key path names it in findings and warnings. */
export interface LdapModule {
  keyPath: KeyPath;
  legacy: boolean;
  settings: LdapModuleSettings;
}

function settingsOf(cfg: SynapseConfig, keyPath: KeyPath, raw: unknown): LdapModuleSettings | undefined {
  const parsed = ModuleConfig.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return `${synapseSource(cfg, [...keyPath, ...path])}: ${issue.message}`;
    });
    throw new AppError(
      'config-invalid',
      `Invalid matrix-synapse-ldap3 config: ${issues.join('; ')}.`,
      "Fix the module's config in homeserver.yaml.",
    );
  }
  const c = parsed.data;
  // Only an explicit `enabled: false` counts as off: a module left in the config is taken as meant.
  if (c.enabled === false) return undefined;
  const uris = typeof c.uri === 'string' ? [c.uri] : c.uri;
  uris.forEach((uri, index) => {
    if (!/^ldaps?:\/\/[^/]/i.test(uri) || !URL.canParse(uri))
      throw new AppError(
        'config-invalid',
        `${synapseSource(cfg, [...keyPath, 'uri', ...(typeof c.uri === 'string' ? [] : [index])])}: "${uri}" is not an ldap:// or ldaps:// URI.`,
        'Give the directory as ldap://host[:port] or ldaps://host[:port].',
      );
  });
  return {
    mode: c.mode ?? 'simple',
    uris,
    startTls: c.start_tls === true,
    validateCert: c.validate_cert !== false,
    tlsOptions: c.tls_options ?? {},
    base: c.base,
    uidAttribute: c.attributes.uid,
    mailAttribute: c.attributes.mail ?? undefined,
    nameAttribute: c.attributes.name ?? undefined,
    bindDn: c.bind_dn ?? undefined,
    bindPassword: c.bind_password ?? undefined,
    bindPasswordFile: c.bind_password_file ?? undefined,
    filter: c.filter || undefined,
    activeDirectory: c.active_directory === true,
    defaultDomain: c.default_domain ?? undefined,
  };
}

/**
 * The enabled matrix-synapse-ldap3 module of a Synapse config, in `modules:`
 * first, then the legacy `password_providers:`; undefined when there is none.
 * Throws `config-invalid` naming the file, line and key of a broken setting.
 */
export function findLdapModule(cfg: SynapseConfig): LdapModule | undefined {
  const lists = [
    ['modules', cfg.model.modules],
    ['password_providers', cfg.model.password_providers],
  ] as const;
  for (const [list, entries] of lists) {
    for (const [index, entry] of (entries ?? []).entries()) {
      if (!ldapModuleClass.test(entry.module)) continue;
      const keyPath = [list, index, 'config'];
      const settings = settingsOf(cfg, keyPath, entry.config);
      if (settings) return { keyPath, legacy: list === 'password_providers', settings };
    }
  }
  return undefined;
}

/** "homeserver.yaml line 40: modules[2].config.uri", for findings and warnings about one setting. */
export function moduleSource(cfg: SynapseConfig, module: LdapModule, ...key: (string | number)[]): string {
  return synapseSource(cfg, [...module.keyPath, ...key]);
}
