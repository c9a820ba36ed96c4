import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { isBcryptHash, matchesBcrypt } from '../../../src-main/engine/passwords/bcrypt-match';

/** As Synapse hashes a password: bcrypt of its NFKC form followed by the pepper (low cost, for speed). */
const synapseHash = (password: string, pepper = '') => bcrypt.hashSync(password.normalize('NFKC') + pepper, 4);

const pepper = 'a-pepper-of-synapse';
const on = { secret: pepper, unicodeNormalization: true };

describe('MAS password scheme 1 against Synapse hashes', () => {
  it('accepts the right password with the right pepper, rejects a wrong password and a wrong or missing pepper', async () => {
    const hash = synapseHash('correct horse', pepper);
    expect(await matchesBcrypt('correct horse', hash, on)).toBe(true);
    expect(await matchesBcrypt('correct hors', hash, on)).toBe(false);
    expect(await matchesBcrypt('correct horse', hash, { ...on, secret: 'another-pepper' })).toBe(false);
    expect(await matchesBcrypt('correct horse', hash, { ...on, secret: undefined })).toBe(false);
  });

  it('normalises with NFKC only when the scheme says so: a full-width password fails without it', async () => {
    const hash = synapseHash('ｆｕｌｌｗｉｄｔｈ', pepper);
    expect(await matchesBcrypt('ｆｕｌｌｗｉｄｔｈ', hash, on)).toBe(true);
    expect(await matchesBcrypt('ｆｕｌｌｗｉｄｔｈ', hash, { ...on, unicodeNormalization: false })).toBe(false);
    // NFKC makes both spellings the same password, as in Synapse.
    expect(await matchesBcrypt('fullwidth', hash, on)).toBe(true);
  });

  it('counts the first 72 bytes only, as bcrypt does in both systems: a pepper past them does not count', async () => {
    const long = 'é'.repeat(36); // 72 bytes of UTF-8
    const hash = synapseHash(long, pepper);
    expect(await matchesBcrypt(long, hash, { ...on, secret: 'anything' })).toBe(true);
    expect(await matchesBcrypt(`${'é'.repeat(35)}e`, hash, on)).toBe(false);
  });

  it('knows bcrypt hashes by their $2a$, $2b$ and $2y$ prefixes', () => {
    const hash = synapseHash('x');
    expect(isBcryptHash(hash)).toBe(true);
    expect(isBcryptHash(hash.replace(/^\$2b/, '$2y'))).toBe(true);
    expect(isBcryptHash(hash.replace(/^\$2b/, '$2a'))).toBe(true);
    expect(isBcryptHash('$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA')).toBe(false);
    expect(isBcryptHash('')).toBe(false);
  });
});
