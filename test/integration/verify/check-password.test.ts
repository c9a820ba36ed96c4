import { runCliCaptured } from '../../helpers/cli';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { narrowedNodeArgs } from '../../helpers/narrowed-node';
import { tempFolder } from '../../helpers/temp-folders';

const pepper = 'synapse-pepper-7f3a';
const passwords = { alice: 'correct horse battery staple', full: 'ｆｕｌｌｗｉｄｔｈ' };
/** Made as Synapse makes them: bcrypt of the NFKC form followed by the pepper. */
const synapseHash = (password: string) => bcrypt.hashSync(password.normalize('NFKC') + pepper, 4);
const hashes = { alice: synapseHash(passwords.alice), full: synapseHash(passwords.full) };

const scheme = (lines: string) => `passwords:
  schemes:
    - version: 1
      algorithm: bcrypt
${lines}    - version: 2
      algorithm: argon2id
`;

describe('syn2mas check-password', () => {
  let dir: string;
  let synapseConfig: string;
  const masConfigs: Record<string, string> = {};

  beforeAll(async () => {
    const synapse = await databaseWithSchema('synapse');
    await withClient(synapse, (c) =>
      c.query(
        `INSERT INTO users (name, password_hash, creation_ts, appservice_id, deactivated) VALUES
          ('@alice:example.org', $1, 1600000000, NULL, 0), ('@full:example.org', $2, 1600000000, NULL, 0),
          ('@sso:example.org', NULL, 1600000000, NULL, 0), ('@old:example.org', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', 1600000000, NULL, 0),
          ('@bridge:example.org', $1, 1600000000, 'irc', 0), ('@gone:example.org', $1, 1600000000, NULL, 1)`,
        [hashes.alice, hashes.full],
      ),
    );
    dir = await tempFolder('check-password-');
    const db = new URL(synapse);
    synapseConfig = join(dir, 'homeserver.yaml');
    await writeFile(
      synapseConfig,
      `server_name: example.org
database:
  name: psycopg2
  args: { user: ${db.username}, password: ${decodeURIComponent(db.password)}, host: ${db.hostname}, port: ${db.port}, dbname: ${db.pathname.slice(1)} }
password_config:
  pepper: ${pepper}
`,
    );
    const variants = {
      right: scheme(`      secret: ${pepper}\n      unicode_normalization: true\n`),
      wrongPepper: scheme('      secret: not-the-pepper\n      unicode_normalization: true\n'),
      noNormalisation: scheme(`      secret: ${pepper}\n`),
      bothWrong: scheme('      secret: not-the-pepper\n'),
      noScheme1: 'passwords:\n  schemes:\n    - version: 2\n      algorithm: bcrypt\n',
    };
    for (const [name, text] of Object.entries(variants)) {
      masConfigs[name] = join(dir, `${name}.yaml`);
      await writeFile(
        masConfigs[name],
        `database:\n  uri: ${synapse}\nmatrix:\n  homeserver: example.org\nsecrets:\n  encryption: ${'0f'.repeat(32)}\n${text}`,
      );
    }
  });

  /** Runs the command with `input` on standard input; asserts that no password, hash or pepper is printed. */
  async function check(user: string, mas: string, input: string) {
    const argv = ['syn2mas', 'check-password', '--user', user, '--config', masConfigs[mas]!, '--synapse-config', synapseConfig];
    const { code, stdout, stderr } = await runCliCaptured(argv, { stdin: input });
    for (const secret of [...Object.values(passwords), 'fullwidth', ...Object.values(hashes), pepper, 'not-the-pepper', 'wrong password'])
      expect(stdout.includes(secret) || stderr.includes(secret), 'a secret was printed').toBe(false);
    return { code, stdout, stderr };
  }

  it('accepts the right password (exit 0) and rejects a wrong one (exit 12), saying the settings used', async () => {
    const right = await check('@alice:example.org', 'right', `${passwords.alice}\n`);
    expect(right.code).toBe(0);
    expect(right.stdout).toContain('MAS will accept this password for @alice:example.org.');
    expect(right.stdout).toMatch(
      /settings used: MAS password scheme 1 \(bcrypt\) at .*right\.yaml.*, secret set, unicode_normalization on/,
    );
    const wrong = await check('@alice:example.org', 'right', 'wrong password\n');
    expect(wrong.code).toBe(12);
    expect(wrong.stdout).toContain("the password does not match the user's Synapse hash");
    expect(wrong.stdout).toContain("the password is not this user's");
  });

  it("rejects the right password when MAS's secret is not the pepper, and says the config is at fault", async () => {
    const result = await check('@alice:example.org', 'wrongPepper', `${passwords.alice}\n`);
    expect(result.code).toBe(12);
    expect(result.stdout).toContain("The MAS config is at fault, not the password: Synapse's own pepper accepts it");
  });

  it('a full-width password: accepted with unicode_normalization, rejected without it (exit 12)', async () => {
    expect((await check('@full:example.org', 'right', `${passwords.full}\n`)).code).toBe(0);
    const off = await check('@full:example.org', 'noNormalisation', `${passwords.full}\n`);
    expect(off.code).toBe(12);
    expect(off.stdout).toContain('unicode_normalization off');
    expect(off.stdout).toContain('set unicode_normalization: true on scheme 1');
    const both = await check('@full:example.org', 'bothWrong', `${passwords.full}\n`);
    expect(both.stdout).toMatch(/pepper accepts it.* And it matches once NFKC-normalised/);
    // The ASCII spelling is what Synapse hashed, so it works either way.
    expect((await check('@full:example.org', 'noNormalisation', 'fullwidth\n')).code).toBe(0);
  });

  it('says why a user cannot log in with a password at all', async () => {
    expect((await check('@sso:example.org', 'right', 'x\n')).stdout).toContain('the user has no password in Synapse');
    expect((await check('@old:example.org', 'right', 'x\n')).stdout).toContain('is not bcrypt');
    const bridge = await check('@bridge:example.org', 'right', `${passwords.alice}\n`);
    expect([bridge.code, bridge.stdout.includes('application-service user')]).toEqual([12, true]);
    const gone = await check('@gone:example.org', 'right', `${passwords.alice}\n`);
    expect(gone.code).toBe(0);
    expect(gone.stdout).toContain('the account is deactivated in Synapse');
  });

  it('exit 10 without a usable scheme 1, exit 2 for no such user, a foreign user ID or no password', async () => {
    const none = await check('@alice:example.org', 'noScheme1', `${passwords.alice}\n`);
    expect(none.code).toBe(10);
    expect(none.stderr).toContain('MAS has no password scheme with version 1');
    const nobody = await check('@nobody:example.org', 'right', 'x\n');
    expect([nobody.code, nobody.stderr]).toEqual([2, expect.stringContaining('Synapse has no user @nobody:example.org')]);
    expect((await check('@alice:elsewhere.org', 'right', 'x\n')).code).toBe(2);
    const empty = await check('@alice:example.org', 'right', '\n');
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('No password was given on standard input')]);
  });

  it('reads the password piped into the real process', () => {
    const run = spawnSync(
      process.execPath,
      [
        ...narrowedNodeArgs,
        'src-main/hosts/cli/cli.ts',
        'syn2mas',
        'check-password',
        '--user',
        '@alice:example.org',
        '--config',
        masConfigs.right!,
        '--synapse-config',
        synapseConfig,
      ],
      { input: `${passwords.alice}\nsecond line\n`, encoding: 'utf8', timeout: 30_000 },
    );
    expect([run.status, run.stdout]).toEqual([0, expect.stringContaining('MAS will accept this password')]);
    expect(run.stdout + run.stderr).not.toContain(passwords.alice);
  });
});
