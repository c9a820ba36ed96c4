import { AppError } from '../../../src-shared/errors';
import type { DirectoryTarget } from '../../connect/ldap/directory-target';
import type { ReadSecretFile } from '../config/secret-files';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { type LdapModule, type LdapModuleSettings, moduleSource } from './ldap-module';

/** The files the module names, read where Synapse runs (this computer, or its server over SFTP). */
export interface ModuleFiles {
  /** The bind password: inline, or the file's content; `unreadable` when the file could not be read. */
  bindPassword: string | undefined | { unreadable: string };
  /** The CA's PEM (tls_options.ca_certs_file); `unreadable` when the file could not be read. */
  ca: string | undefined | { unreadable: string };
}

/** ldap3's Tls(validate=ssl.CERT_NONE), however the admin wrote it. */
function validateOff(tlsOptions: Record<string, unknown>): boolean {
  const validate = tlsOptions.validate;
  return validate === 0 || validate === false || (typeof validate === 'string' && /(^|\.)CERT_NONE$/.test(validate));
}

/** Whether the module checks the directory's certificate (validate_cert, or tls_options.validate). */
export function checksCertificate(settings: LdapModuleSettings): boolean {
  return settings.validateCert && !validateOff(settings.tlsOptions);
}

/** The CA file the module trusts, if any. */
export function caFileOf(settings: LdapModuleSettings): string | undefined {
  const file = settings.tlsOptions.ca_certs_file;
  return typeof file === 'string' && file ? file : undefined;
}

async function readOrMark(path: string | undefined, read: ReadSecretFile): Promise<string | undefined | { unreadable: string }> {
  if (!path) return undefined;
  return (await read(path).catch(() => undefined)) ?? { unreadable: path };
}

/** Reads bind_password_file and the CA file with the config's own reader; the values are never printed. */
export async function readModuleFiles(module: LdapModule, read: ReadSecretFile): Promise<ModuleFiles> {
  const s = module.settings;
  return {
    bindPassword: s.bindPassword ?? (await readOrMark(s.bindPasswordFile, read)),
    ca: await readOrMark(caFileOf(s), read),
  };
}

/**
 * How to reach the directory with the module's own settings (SPEC §11).
 * `where` says where the files were read (this computer, user@host) for
 * the error when one could not be.
 */
export function moduleDirectoryTarget(cfg: SynapseConfig, module: LdapModule, files: ModuleFiles, where: string): DirectoryTarget {
  const s = module.settings;
  if (typeof files.bindPassword === 'object')
    throw new AppError(
      'secret-unreadable',
      `The bind password file ${files.bindPassword.unreadable} (${moduleSource(cfg, module, 'bind_password_file')}) could not be read on ${where}.`,
      'Make the file readable by the user this app logs in as, or connect to the Synapse server where it is.',
    );
  if (typeof files.ca === 'object')
    throw new AppError(
      'ldap-tls',
      `The directory's CA file ${files.ca.unreadable} (${moduleSource(cfg, module, 'tls_options', 'ca_certs_file')}) could not be read on ${where}.`,
      'Make the file readable, or connect to the Synapse server where it is.',
    );
  return {
    uris: s.uris,
    startTls: s.startTls,
    validateCert: checksCertificate(s),
    ...(files.ca ? { ca: files.ca } : {}),
    ...(s.bindDn ? { bindDn: s.bindDn } : {}),
    ...(files.bindPassword !== undefined ? { bindPassword: files.bindPassword } : {}),
  };
}
