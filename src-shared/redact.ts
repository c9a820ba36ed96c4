/**
 * Last line of defence against a secret slipping into a message: libpq URIs
 * with passwords, `password=` style settings and PEM blocks are masked.
 * Code should not put secrets in messages in the first place.
 */
const patterns: [RegExp, string][] = [
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, '$1***@'],
  // libpq conninfo style only (`password=…`): "the key password: …" in a message is prose, not a value.
  [/\b(password|passphrase|secret|pepper|token|client_secret)(\s*=\s*["']?)[^\s"',;}]+/gi, '$1$2***'],
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[PEM redacted]'],
];

export function redactSecrets(text: string): string {
  return patterns.reduce((acc, [re, replacement]) => acc.replace(re, replacement), text);
}
