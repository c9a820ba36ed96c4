import bcrypt from 'bcryptjs';

export interface MatchSettings {
  secret: string | undefined;
  unicodeNormalization: boolean;
}

/** Synapse's hashes are bcrypt in one of these variants. */
export function isBcryptHash(hash: string): boolean {
  return /^\$2[aby]\$\d\d\$/.test(hash);
}

/**
 * The password as MAS password scheme 1 checks it: NFKC-normalised when the
 * scheme says so, the secret appended as bytes (UTF-8 of the concatenation is
 * the concatenation of the UTF-8s), and bcrypt, which counts the first 72 bytes.
 */
export function matchesBcrypt(password: string, hash: string, settings: MatchSettings): Promise<boolean> {
  const normalised = settings.unicodeNormalization ? password.normalize('NFKC') : password;
  return bcrypt.compare(normalised + (settings.secret ?? ''), hash);
}
