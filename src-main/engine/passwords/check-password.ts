import type { MasSetting, PasswordCheck } from '../../../src-shared/domain/password-check';
import { AppError } from '../../../src-shared/errors';
import { withConnection } from '../../connect/postgres/pg-helpers';
import type { DatabaseConnector } from '../../connect/postgres/pg-helpers';
import { isBcryptHash, type MatchSettings, matchesBcrypt } from './bcrypt-match';
import type { BcryptScheme } from './password-scheme';

export interface CheckPasswordInput {
  userId: string;
  password: string;
  serverName: string;
  scheme: BcryptScheme;
  /** Synapse's password_config.pepper: Synapse's own rule, to tell a wrong password from a wrong MAS config. */
  synapsePepper: string | undefined;
  synapseDatabase: DatabaseConnector;
}

interface UserRow {
  password_hash: string | null;
  appservice: boolean;
  deactivated: boolean;
  locked: boolean;
}

/** Reads the user's Synapse hash and checks the password the way MAS password scheme 1 will. */
export async function checkPassword(input: CheckPasswordInput): Promise<PasswordCheck> {
  const suffix = `:${input.serverName}`;
  if (!input.userId.startsWith('@') || !input.userId.endsWith(suffix) || input.userId.length <= suffix.length + 1) {
    throw new AppError('usage', `"${input.userId}" is not a user ID of ${input.serverName}.`, `Give the user ID as @localpart${suffix}.`);
  }
  const user = await withConnection('Synapse', input.synapseDatabase, async (c) => {
    const { rows } = await c.query<UserRow>(
      `SELECT password_hash, appservice_id IS NOT NULL AS appservice, deactivated <> 0 AS deactivated, coalesce(locked, false) AS locked
       FROM users WHERE name = $1`,
      [input.userId],
    );
    return rows[0];
  });
  if (!user)
    throw new AppError(
      'no-such-user',
      `Synapse has no user ${input.userId}.`,
      'Check the user ID (and that this is the right Synapse database).',
    );

  const mas: MatchSettings = { secret: input.scheme.secret, unicodeNormalization: input.scheme.unicodeNormalization };
  const result: PasswordCheck = {
    userId: input.userId,
    accepted: false,
    settings: { secretSet: mas.secret !== undefined, unicodeNormalization: mas.unicodeNormalization, source: input.scheme.source },
    misconfigured: [],
    ...(user.deactivated ? { accountState: 'deactivated' } : user.locked ? { accountState: 'locked' } : {}),
  };
  const hash = user.password_hash;
  if (user.appservice) return { ...result, reason: 'not-migrated' };
  if (hash === null) return { ...result, reason: 'no-password' };
  if (!isBcryptHash(hash)) return { ...result, reason: 'not-bcrypt' };
  if (await matchesBcrypt(input.password, hash, mas)) return { ...result, accepted: true };
  return { ...result, reason: 'mismatch', misconfigured: await wrongSettings(input.password, hash, mas, input.synapsePepper || undefined) };
}

/**
 * Where MAS's settings differ from Synapse's own rule (NFKC, then its pepper)
 * in a way that matters for this password, and that rule accepts it: the MAS
 * settings at fault. Empty when the password itself is wrong.
 */
async function wrongSettings(password: string, hash: string, mas: MatchSettings, pepper: string | undefined): Promise<MasSetting[]> {
  const differing: MasSetting[] = [];
  if (mas.secret !== pepper) differing.push('secret');
  if (!mas.unicodeNormalization && password.normalize('NFKC') !== password) differing.push('unicode_normalization');
  if (!differing.length) return [];
  return (await matchesBcrypt(password, hash, { secret: pepper, unicodeNormalization: true })) ? differing : [];
}
