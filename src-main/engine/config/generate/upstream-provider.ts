import { ulid } from 'ulid';
import type { GenerationWarning } from '../../../../src-shared/domain/config';
import type { SynapseProvider } from '../providers';
import { type SynapseConfig, synapseSource } from '../synapse/synapse-config';
import { keyPathText } from '../yaml/yaml-files';

type Warn = (id: string, message: string, key?: string) => void;

const jinjaModules = new Set(['synapse.handlers.oidc.JinjaOidcMappingProvider', 'synapse.handlers.oidc_handler.JinjaOidcMappingProvider']);
const authMethods = new Set(['client_secret_basic', 'client_secret_post', 'none']);
const pkceMethods = new Set(['auto', 'always', 'never']);
const responseModes = new Set(['query', 'form_post']);
/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
const scopeToken = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Synapse settings MAS has no place for, with what the admin should know. */
const notCarried: [key: string, why: string][] = [
  ['attribute_requirements', 'MAS cannot restrict logins by claim values here; enforce them at the identity provider or with a MAS policy'],
  [
    'id_token_signing_alg_values_supported',
    'MAS takes the id_token algorithm from discovery (or id_token_signed_response_alg); check it matches',
  ],
  [
    'client_secret_jwt_key',
    "MAS cannot sign client assertions with Synapse's key; use a client secret or private_key_jwt with MAS's own keys",
  ],
  ['allow_existing_users', 'MAS links to existing users with claims_imports.localpart.on_conflict; review it'],
  ['redirect_uri', "MAS uses its own callback URL; register MAS's callback with the provider"],
  ['idp_icon', 'MAS has no provider icons'],
];

function scopeOf(scopes: readonly string[] | null | undefined, warn: Warn): string {
  const valid = (scopes ?? []).filter((s) => scopeToken.test(s));
  const invalid = (scopes ?? []).filter((s) => !scopeToken.test(s));
  if (invalid.length > 0)
    warn(
      'invalid-scope',
      `scopes ${invalid.map((s) => JSON.stringify(s)).join(', ')} are not valid OAuth scopes and were left out`,
      'scopes',
    );
  return valid.length > 0 ? valid.join(' ') : 'openid';
}

function claimsImports(p: SynapseProvider, warn: Warn): Record<string, unknown> | undefined {
  const mapping = p.config.user_mapping_provider;
  const module = mapping?.module;
  if (module != null && !jinjaModules.has(module)) {
    warn(
      'unknown-mapping-provider',
      `user_mapping_provider.module ${module} is not the Jinja mapping provider; its attribute mapping was not carried over: write claims_imports by hand`,
      'user_mapping_provider.module',
    );
    return undefined;
  }
  const c = mapping?.config;
  if (!c) return undefined;
  const suggestOr = (action: 'require' | 'force') => (c.confirm_localpart === true ? 'suggest' : action);
  const imports: Record<string, unknown> = {};
  const subject = c.subject_template ?? (c.subject_claim ? `{{ user.${c.subject_claim} }}` : undefined);
  if (subject) imports.subject = { template: subject };
  if (c.localpart_template) imports.localpart = { action: suggestOr('require'), template: c.localpart_template };
  if (c.display_name_template) imports.displayname = { action: suggestOr('force'), template: c.display_name_template };
  if (c.email_template) imports.email = { action: suggestOr('force'), template: c.email_template };
  return Object.keys(imports).length > 0 ? imports : undefined;
}

function authorizationParameters(p: SynapseProvider, out: Record<string, unknown>, warn: Warn): void {
  const { response_mode: responseMode, ...rest } = p.config.additional_authorization_parameters ?? {};
  if (responseMode !== undefined) {
    if (responseModes.has(responseMode)) out.response_mode = responseMode;
    else
      warn(
        'invalid-response-mode',
        `additional_authorization_parameters.response_mode "${responseMode}" is neither query nor form_post and was left out`,
        'additional_authorization_parameters.response_mode',
      );
  }
  const passthrough = p.config.passthrough_authorization_parameters ?? [];
  if (passthrough.includes('login_hint')) out.forward_login_hint = true;
  // MAS forwards other downstream parameters through templates.
  for (const name of passthrough.filter((n) => n !== 'login_hint')) rest[name] ??= `{{ params.${name} }}`;
  if (Object.keys(rest).length > 0) out.additional_authorization_parameters = rest;
}

/** The client secret: inline, read from client_secret_path when reachable, or MAS's client_secret_file with the same path. */
function clientSecret(syn: SynapseConfig, p: SynapseProvider, out: Record<string, unknown>, warn: Warn): boolean {
  const path = p.config.client_secret_path;
  if (p.config.client_secret != null && path != null) {
    warn(
      'client-secret-both',
      `both client_secret and client_secret_path (${path}) are set, which Synapse refuses to start with; the inline client_secret was carried over and client_secret_path was not: check it is the secret the identity provider expects`,
      'client_secret_path',
    );
  }
  if (p.config.client_secret) {
    out.client_secret = p.config.client_secret;
    return true;
  }
  if (!path) return false;
  const file = syn.secretFiles.find((s) => s.key === keyPathText([...p.keyPath, 'client_secret_path']));
  if (file?.value !== undefined) {
    out.client_secret = file.value;
    warn('client-secret-path', `client_secret_path ${path} was read and its secret written inline as client_secret`, 'client_secret_path');
  } else {
    out.client_secret_file = path;
    warn(
      'client-secret-path',
      `client_secret_path ${path} is on the Synapse host and could not be read: it became client_secret_file, so that file must exist on the MAS host too`,
      'client_secret_path',
    );
  }
  return true;
}

/** SPEC §7: one Synapse OIDC provider as a MAS upstream provider, warning about whatever does not carry over. */
export function upstreamProvider(syn: SynapseConfig, p: SynapseProvider, warnings: GenerationWarning[]): Record<string, unknown> {
  const c = p.config;
  const warn: Warn = (id, message, key) =>
    warnings.push({
      id,
      message: `Provider ${p.internalId}: ${message}.`,
      source: synapseSource(syn, key ? [...p.keyPath, ...key.split('.')] : p.keyPath),
    });
  const out: Record<string, unknown> = { id: ulid(), synapse_idp_id: p.internalId };
  if (c.issuer) out.issuer = c.issuer;
  if (c.idp_name) out.human_name = c.idp_name;
  if (c.idp_brand) out.brand_name = c.idp_brand;
  out.client_id = c.client_id ?? '';
  const hasSecret = clientSecret(syn, p, out, warn);
  if (c.client_auth_method != null && !authMethods.has(c.client_auth_method)) {
    warn(
      'unknown-client-auth-method',
      `client_auth_method "${c.client_auth_method}" is unknown; ${hasSecret ? 'client_secret_basic' : 'none'} was used`,
      'client_auth_method',
    );
  }
  out.token_endpoint_auth_method =
    c.client_auth_method != null && authMethods.has(c.client_auth_method)
      ? c.client_auth_method
      : hasSecret
        ? 'client_secret_basic'
        : 'none';
  const scope = scopeOf(c.scopes, warn);
  out.scope = scope;
  out.discovery_mode = c.discover === false ? 'disabled' : c.skip_verification === true ? 'insecure' : 'oidc';
  if (c.pkce_method != null) {
    if (pkceMethods.has(c.pkce_method)) out.pkce_method = c.pkce_method;
    else warn('unknown-pkce-method', `pkce_method "${c.pkce_method}" is unknown; MAS's default (auto) applies`, 'pkce_method');
  }
  const profile = c.user_profile_method ?? 'auto';
  if (profile !== 'auto' && profile !== 'userinfo_endpoint') {
    warn('unknown-user-profile-method', `user_profile_method "${profile}" is unknown; treated as auto`, 'user_profile_method');
  }
  // Synapse's auto uses the userinfo endpoint only when the openid scope (and so an id_token) is absent.
  out.fetch_userinfo = profile === 'userinfo_endpoint' || !scope.split(' ').includes('openid');
  for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const) {
    if (c[key]) out[key] = c[key];
  }
  authorizationParameters(p, out, warn);
  // Synapse with back-channel logout on ended the user's sessions (devices) on the IdP's notice: MAS's equivalent is
  // logout_all. SPEC §7 says the reverse (do_nothing when on), which would silently stop honouring IdP logouts.
  out.on_backchannel_logout = c.backchannel_logout_enabled === true ? 'logout_all' : 'do_nothing';
  const imports = claimsImports(p, warn);
  if (imports) out.claims_imports = imports;
  if (c.enable_registration === false) {
    warn(
      'provider-registration-disabled',
      'enable_registration: false (sign-in only, no new accounts) has no MAS equivalent; new users of this provider will be able to register unless a MAS policy stops them',
      'enable_registration',
    );
  }
  for (const [key, why] of notCarried) {
    const value = (c as Record<string, unknown>)[key];
    if (value != null && value !== false) warn(`not-carried-${key.replaceAll('_', '-')}`, `${key} was not carried over: ${why}`, key);
  }
  if (!c.client_id) warn('missing-client-id', 'client_id is missing in Synapse; fill it in', 'client_id');
  return out;
}
