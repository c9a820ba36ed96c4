/**
 * Encrypts the secrets of stored profiles. The Electron host plugs in
 * safeStorage when the OS keyring is real; tests, the CLI and the web host
 * use the passphrase vault.
 */
export interface SecretCipher {
  readonly kind: 'passphrase' | 'safe-storage';
  /** `aad` names where the box is stored, so a box moved to another slot does not open. */
  seal(plain: string, aad: string): Promise<string>;
  /** Throws an AppError when the box does not open. */
  open(box: string, aad: string): Promise<string>;
}
