/** An OpenSSH pattern (`*` any run, `?` one character) as a regular expression matching the whole string. */
export function wildcardRegExp(pattern: string, flags = ''): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}
