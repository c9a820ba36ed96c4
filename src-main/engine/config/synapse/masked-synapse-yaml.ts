import { stringify } from 'yaml';
import { redactedValue } from '../mas/mas-document';
import type { SynapseConfig } from './synapse-config';

/**
 * Keys whose values are secrets in homeserver.yaml (passwords, the pepper, client and shared secrets,
 * macaroon/form secrets, private keys such as client_secret_jwt_key.key, tokens). Sections named like
 * them (password_config) are walked into; `*_path`/`*_file` keys only name a file.
 */
const secretKey = /password|passphrase|secret|pepper|private|macaroon|token|^key$/i;
const namesAFile = /_(path|file)$/;

function isSecret(key: string, value: unknown): boolean {
  return secretKey.test(key) && !namesAFile.test(key) && typeof value !== 'object' && value !== '';
}

function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isSecret(key, inner) ? redactedValue : masked(inner)]));
}

/** The merged Synapse config as YAML, for reading in the app: every secret value replaced by `<redacted>`. */
export function maskedSynapseYaml(cfg: SynapseConfig): string {
  return stringify(masked(cfg.yaml.value), { lineWidth: 0 });
}
