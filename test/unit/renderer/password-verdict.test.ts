import { describe, expect, it } from 'vitest';
import type { SandboxInfo } from '../../../src-shared/contract/sandbox';
import type { PasswordCheck } from '../../../src-shared/domain/password-check';
import { sampleLogins, userIdProblem } from '../../../src-renderer/src/screens/checks/password-verdict';
import { passwordVerdict } from '../../../src-shared/domain/password-verdict';
import { idA, idB } from './profile-views';

const check = (extra: Partial<PasswordCheck>): PasswordCheck => ({
  userId: '@alice:example.org',
  accepted: false,
  settings: { secretSet: true, unicodeNormalization: true, source: 'mas.yaml: passwords.schemes[0]' },
  misconfigured: [],
  ...extra,
});

describe('the password test in words', () => {
  it('says MAS will accept it, with the settings used', () => {
    expect(passwordVerdict(check({ accepted: true }))).toEqual({
      accepted: true,
      title: 'MAS will accept this password for @alice:example.org',
      notes: [],
      settings: 'MAS password scheme 1 (bcrypt) at mas.yaml: passwords.schemes[0], secret set, unicode_normalization on',
    });
  });

  it('tells a wrong password from a wrong MAS config, naming each setting at fault', () => {
    const wrong = passwordVerdict(check({ reason: 'mismatch' }));
    expect(wrong.title).toBe(
      "MAS will not accept this password for @alice:example.org: the password does not match the user's Synapse hash",
    );
    expect(wrong.notes).toEqual([expect.stringContaining("the password is not this user's")]);
    const config = passwordVerdict(
      check({
        reason: 'mismatch',
        misconfigured: ['secret', 'unicode_normalization'],
        settings: { secretSet: false, unicodeNormalization: false, source: 'x' },
      }),
    );
    expect(config.notes).toEqual([
      expect.stringMatching(
        /^The MAS config is at fault, not the password: .*set scheme 1's secret to Synapse's password_config\.pepper\. And .*set unicode_normalization: true on scheme 1\.$/,
      ),
    ]);
    expect(config.settings).toContain('secret not set, unicode_normalization off');
  });

  it('gives the reason a user cannot log in with a password at all, and notes a locked or deactivated account', () => {
    expect(passwordVerdict(check({ reason: 'no-password' })).title).toContain('they sign in through an upstream provider');
    expect(passwordVerdict(check({ reason: 'not-bcrypt' })).title).toContain('they must reset their password');
    expect(passwordVerdict(check({ reason: 'not-migrated' })).title).toContain('application-service user');
    expect(passwordVerdict(check({ accepted: true, accountState: 'locked' })).notes).toEqual([
      'Note: the account is locked in Synapse, so MAS will refuse the login whatever the password.',
    ]);
  });
});

describe('the sandbox sample logins', () => {
  const sandbox: SandboxInfo = {
    folder: '/tmp/sandbox',
    serverName: 'sandbox.example.org',
    synapseConfigPath: '/tmp/sandbox/homeserver.yaml',
    masConfigPath: '/tmp/sandbox/mas.yaml',
    users: 500,
    profileId: idA,
    startedAt: '2026-03-01T10:00:00.000Z',
  };

  it("are offered on the sandbox's own profile only, as user IDs of its server", () => {
    expect(sampleLogins(sandbox, idA).map((l) => l.userId)).toEqual([
      '@user1:sandbox.example.org',
      '@user8:sandbox.example.org',
      '@user9:sandbox.example.org',
    ]);
    expect(sampleLogins(sandbox, idA)[1]).toMatchObject({ password: 'correct horse battery staple' });
    expect(sampleLogins(sandbox, idB)).toEqual([]);
    expect(sampleLogins(null, idA)).toEqual([]);
  });
});

describe('the user ID field', () => {
  it('asks for @localpart:server_name, and says nothing while empty', () => {
    expect(userIdProblem('')).toBeUndefined();
    expect(userIdProblem(' @alice:example.org ')).toBeUndefined();
    expect(userIdProblem('@irc_a:b:example.org')).toBeUndefined();
    for (const bad of ['alice', '@alice', 'alice:example.org', '@:example.org', '@al ice:example.org'])
      expect(userIdProblem(bad), bad).toBe('A user ID looks like @alice:example.org.');
  });
});
