/**
 * The rule of sql-fragments.ts validUserId, on the bytes of a user ID:
 * `@`, a non-empty localpart, then `:server_name` (`suffix`). A character
 * is at least one byte and LIKE matches the suffix exactly, so one byte
 * between the two is one character.
 */
export function isLocalUserId(bytes: Uint8Array, start: number, length: number, suffix: Uint8Array): boolean {
  if (length < 2 + suffix.length || bytes[start] !== 0x40) return false;
  const at = start + length - suffix.length;
  for (let k = 0; k < suffix.length; k++) if (bytes[at + k] !== suffix[k]) return false;
  return true;
}
