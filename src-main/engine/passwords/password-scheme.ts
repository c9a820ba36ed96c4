import { AppError } from '../../../src-shared/errors';
import { type MasConfig, masSecret, masSource } from '../config/mas/mas-config';

/** How MAS password scheme 1 verifies a password Synapse hashed (SPEC §10). */
export interface BcryptScheme {
  /** MAS's `secret` for the scheme (Synapse's pepper), appended to the password as bytes; undefined when none. */
  secret: string | undefined;
  unicodeNormalization: boolean;
  /** Where the scheme is in the MAS config, for messages. */
  source: string;
}

function noScheme(message: string, source: string): AppError {
  return new AppError(
    'no-usable-scheme',
    `${source}: ${message}`,
    "Add to passwords.schemes a scheme { version: 1, algorithm: bcrypt, unicode_normalization: true } with secret: Synapse's pepper (if it has one).",
  );
}

/** MAS password scheme 1 as the config declares it; an AppError `no-usable-scheme` when MAS could not verify Synapse's hashes at all. */
export function bcryptSchemeOne(mas: MasConfig): BcryptScheme {
  const passwords = mas.model.passwords;
  if (passwords?.enabled === false)
    throw noScheme('passwords are disabled in MAS (passwords.enabled: false).', masSource(mas, ['passwords']));
  const schemes = passwords?.schemes;
  const index = schemes?.findIndex((s) => s.version === 1) ?? -1;
  // Without passwords.schemes MAS uses argon2id as version 1.
  if (!schemes || index < 0) throw noScheme('MAS has no password scheme with version 1.', masSource(mas, ['passwords']));
  const scheme = schemes[index]!;
  const source = masSource(mas, ['passwords', 'schemes', index]);
  if (scheme.algorithm !== 'bcrypt') throw noScheme(`MAS password scheme 1 is ${scheme.algorithm}, not bcrypt.`, source);
  const secret = masSecret(mas, scheme.secret, `passwords.schemes[${index}].secret_file`);
  if (secret === 'unknown') {
    throw new AppError(
      'no-usable-scheme',
      `${source}: the scheme's secret_file is on the MAS host and cannot be read from here.`,
      'Run the check where the file is readable, or give the secret in the config while checking.',
    );
  }
  return { secret: secret || undefined, unicodeNormalization: scheme.unicode_normalization === true, source };
}
