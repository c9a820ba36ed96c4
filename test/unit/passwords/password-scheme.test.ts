import { describe, expect, it } from 'vitest';
import { loadMasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { bcryptSchemeOne } from '../../../src-main/engine/passwords/password-scheme';
import { yamlFiles } from '../config/fixtures';

const mas = async (passwords: string) =>
  loadMasConfig(await yamlFiles(`matrix:\n  homeserver: example.org\nsecrets:\n  encryption: ${'0f'.repeat(32)}\n${passwords}`));
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('MAS password scheme 1 for check-password', () => {
  it('reads the secret and the normalisation setting of the version 1 bcrypt scheme', async () => {
    const config = await mas(`passwords:
  schemes:
    - version: 2
      algorithm: argon2id
    - version: 1
      algorithm: bcrypt
      secret: pepper
      unicode_normalization: true
`);
    expect(bcryptSchemeOne(config)).toMatchObject({
      secret: 'pepper',
      unicodeNormalization: true,
      source: expect.stringContaining('passwords.schemes[1]'),
    });
    const plain = await mas('passwords:\n  schemes:\n    - version: 1\n      algorithm: bcrypt\n');
    expect(bcryptSchemeOne(plain)).toMatchObject({ secret: undefined, unicodeNormalization: false });
  });

  it('no usable scheme: passwords off, no version 1 (MAS then uses argon2id), not bcrypt, or a secret file out of reach', async () => {
    expect(code(bcryptSchemeOne.bind(null, await mas('passwords:\n  enabled: false\n')))).toBe('no-usable-scheme');
    expect(code(bcryptSchemeOne.bind(null, await mas('')))).toBe('no-usable-scheme');
    expect(code(bcryptSchemeOne.bind(null, await mas('passwords:\n  schemes:\n    - version: 1\n      algorithm: argon2id\n')))).toBe(
      'no-usable-scheme',
    );
    const fileSecret = await mas(
      'passwords:\n  schemes:\n    - version: 1\n      algorithm: bcrypt\n      secret_file: /nonexistent/pepper\n',
    );
    expect(code(() => bcryptSchemeOne(fileSecret))).toBe('no-usable-scheme');
  });
});
