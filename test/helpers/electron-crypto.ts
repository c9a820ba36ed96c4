/**
 * Narrows this process's `node:crypto` to what Electron's main process has, so
 * a test fails where the app would fail for a user. Loaded by every test run
 * (vitest `setupFiles`) and into the host processes tests spawn
 * (`narrowedNodeArgs` in narrowed-node.ts, `node --import`).
 *
 * Electron builds Node against Chromium's BoringSSL, not OpenSSL ("We use
 * BoringSSL under the hood instead of OpenSSL", an Electron maintainer in
 * electron/electron#23347; Electron's own patch to Node,
 * patches/node/fix_handle_boringssl_and_openssl_incompatibilities.patch):
 * - EC keys: only the four NIST curves. `getCurves()` answers prime256v1,
 *   secp224r1, secp384r1, secp521r1 (electron/electron#32535); any other group,
 *   secp256k1 included, fails in BoringSSL with
 *   `error:0f00007b:elliptic curve routines:OPENSSL_internal:UNKNOWN_GROUP`.
 * - Ciphers: `createCipheriv` knows only what BoringSSL's EVP_get_cipherbyname
 *   knows, which is the list EVP_CIPHER_do_all_sorted gives `getCiphers()`
 *   (BoringSSL decrepit/evp/evp_do_all.cc, with the cfb, bf-* and des-ede3
 *   entries Electron exposes: electron/electron#38506). Anything else, e.g.
 *   `chacha20-poly1305`, throws "Unknown cipher" (electron/electron#24024,
 *   whose `getCiphers()` output is this list before the bf-* and des-ede3
 *   additions; electron/electron#31874 for `aes128-wrap`).
 * Every way to make or read an EC key here fails with that one error, as the
 * BoringSSL call underneath each does (EC_GROUP_new_by_curve_name); the
 * exact wording Electron's Node wraps around it may differ per function.
 * What is not narrowed: digests (BoringSSL's EVP_MD list in the same file has
 * md4, md5, sha1, sha2 and ripemd160, all that this app and its libraries
 * use), and keys parsed inside `sign`/`verify` from PEM text (only SSH keys
 * are signed with: RSA, P-256/384/521 and Ed25519, which BoringSSL has).
 */
import type * as Crypto from 'node:crypto';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';

/** `getCiphers()` in Electron: BoringSSL's EVP_CIPHER_do_all_sorted list. */
export const electronCiphers: readonly string[] = [
  'aes-128-cbc',
  'aes-128-cfb',
  'aes-128-ctr',
  'aes-128-ecb',
  'aes-128-gcm',
  'aes-128-ofb',
  'aes-192-cbc',
  'aes-192-ctr',
  'aes-192-ecb',
  'aes-192-gcm',
  'aes-192-ofb',
  'aes-256-cbc',
  'aes-256-cfb',
  'aes-256-ctr',
  'aes-256-ecb',
  'aes-256-gcm',
  'aes-256-ofb',
  'bf-cbc',
  'bf-cfb',
  'bf-ecb',
  'des-cbc',
  'des-ecb',
  'des-ede',
  'des-ede-cbc',
  'des-ede3',
  'des-ede3-cbc',
  'rc2-cbc',
  'rc4',
];

/** Names EVP_get_cipherbyname also takes without listing them (BoringSSL cipher_extra). */
const cipherAliases = ['3des', 'aes128', 'aes256'];

/** `getCurves()` in Electron (electron/electron#32535). */
export const electronCurves: readonly string[] = ['prime256v1', 'secp224r1', 'secp384r1', 'secp521r1'];

/** The same four groups under the NIST names Node also accepts. */
const nistCurves = new Set([...electronCurves, 'P-224', 'P-256', 'P-384', 'P-521']);

const narrowedNames = [
  'createCipheriv',
  'createDecipheriv',
  'generateKeyPair',
  'generateKeyPairSync',
  'createPrivateKey',
  'createPublicKey',
  'createECDH',
  'getCiphers',
  'getCurves',
] as const;
type Narrowed = Pick<typeof Crypto, (typeof narrowedNames)[number]>;

const crypto = createRequire(import.meta.url)('node:crypto') as typeof Crypto & Record<string, unknown>;
const plainKey = Symbol.for('mas-migrator.plain-node-crypto');
const holder = globalThis as { [plainKey]?: Narrowed };

/**
 * Plain Node's functions, as they were before the narrowing: for tests that
 * check what MAS (which is not Electron) reads, e.g. that a k256 PEM parses.
 */
export function plainNodeCrypto(): Narrowed {
  return holder[plainKey]!;
}

/** The error BoringSSL's EC code raises for a group it does not have, as Node decorates it. */
export function unknownGroupError(): Error {
  return Object.assign(new Error('error:0f00007b:elliptic curve routines:OPENSSL_internal:UNKNOWN_GROUP'), {
    library: 'elliptic curve routines',
    function: 'OPENSSL_internal',
    reason: 'UNKNOWN_GROUP',
    code: 'ERR_OSSL_UNKNOWN_GROUP',
  });
}

function unknownCipherError(): Error {
  return Object.assign(new Error('Unknown cipher'), { code: 'ERR_CRYPTO_UNKNOWN_CIPHER' });
}

function knownCipher(name: unknown): boolean {
  const lower = String(name).toLowerCase();
  return electronCiphers.includes(lower) || cipherAliases.includes(lower);
}

/** A curve plain Node has and BoringSSL lacks (names neither knows keep Node's own error). */
function missingCurve(plain: Narrowed, name: unknown): boolean {
  return typeof name === 'string' && !nistCurves.has(name) && plain.getCurves().includes(name);
}

function checkKey<K extends Crypto.KeyObject>(key: K): K {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  if (curve !== undefined && !nistCurves.has(curve)) throw unknownGroupError();
  return key;
}

function narrowed(plain: Narrowed): Narrowed {
  const ecMissing = (type: unknown, options: unknown) =>
    type === 'ec' && missingCurve(plain, (options as { namedCurve?: unknown } | undefined)?.namedCurve);
  return {
    createCipheriv: ((name: string, ...rest: unknown[]) => {
      if (!knownCipher(name)) throw unknownCipherError();
      return (plain.createCipheriv as (...a: unknown[]) => unknown)(name, ...rest);
    }) as Narrowed['createCipheriv'],
    createDecipheriv: ((name: string, ...rest: unknown[]) => {
      if (!knownCipher(name)) throw unknownCipherError();
      return (plain.createDecipheriv as (...a: unknown[]) => unknown)(name, ...rest);
    }) as Narrowed['createDecipheriv'],
    generateKeyPair: Object.assign(
      (type: string, options: unknown, callback: (error: Error | null) => void) => {
        if (ecMissing(type, options)) return void process.nextTick(callback, unknownGroupError());
        (plain.generateKeyPair as (...a: unknown[]) => void)(type, options, callback);
      },
      // Node's own generateKeyPair promisifies to { publicKey, privateKey }.
      {
        [promisify.custom]: (type: string, options: unknown) =>
          ecMissing(type, options)
            ? Promise.reject(unknownGroupError())
            : (promisify(plain.generateKeyPair) as (...a: unknown[]) => Promise<unknown>)(type, options),
      },
    ) as unknown as Narrowed['generateKeyPair'],
    generateKeyPairSync: ((type: string, options: unknown) => {
      if (ecMissing(type, options)) throw unknownGroupError();
      return (plain.generateKeyPairSync as (...a: unknown[]) => unknown)(type, options);
    }) as Narrowed['generateKeyPairSync'],
    createPrivateKey: ((key: Parameters<typeof Crypto.createPrivateKey>[0]) =>
      checkKey(plain.createPrivateKey(key))) as Narrowed['createPrivateKey'],
    createPublicKey: ((key: Parameters<typeof Crypto.createPublicKey>[0]) =>
      checkKey(plain.createPublicKey(key))) as Narrowed['createPublicKey'],
    createECDH: ((curve: string) => {
      if (missingCurve(plain, curve)) throw unknownGroupError();
      return plain.createECDH(curve);
    }) as Narrowed['createECDH'],
    getCiphers: () => [...electronCiphers],
    getCurves: () => [...electronCurves],
  };
}

// Once per process: the first load keeps plain Node's functions for `plainNodeCrypto`.
if (!holder[plainKey]) {
  const plain = Object.fromEntries(narrowedNames.map((name) => [name, crypto[name]])) as unknown as Narrowed;
  holder[plainKey] = plain;
  Object.assign(crypto, narrowed(plain));
  // ESM named imports of node:crypto are a snapshot of the CJS object until synced.
  syncBuiltinESMExports();
}
