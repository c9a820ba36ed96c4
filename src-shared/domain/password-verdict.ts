import type { MasSetting, PasswordCheck, RejectReason } from './password-check';

const reasons: Record<RejectReason, string> = {
  'no-password': 'the user has no password in Synapse (they sign in through an upstream provider)',
  'not-bcrypt': "the user's Synapse hash is not bcrypt, which MAS password scheme 1 cannot verify: they must reset their password",
  'not-migrated': 'the user is an application-service user, which is not migrated',
  mismatch: "the password does not match the user's Synapse hash",
};

const fixes: Record<MasSetting, string> = {
  secret: "Synapse's own pepper accepts it: set scheme 1's secret to Synapse's password_config.pepper.",
  unicode_normalization: 'it matches once NFKC-normalised, as Synapse hashed it: set unicode_normalization: true on scheme 1.',
};

/**
 * What MAS will do with the password, in the admin's words (the app and
 * `syn2mas check-password` say it alike): the verdict, what follows from it,
 * and the settings used, so a wrong password can be told from a wrong MAS config.
 */
export function passwordVerdict(check: PasswordCheck): { accepted: boolean; title: string; notes: string[]; settings: string } {
  const { settings } = check;
  const notes: string[] = [];
  if (check.reason === 'mismatch')
    notes.push(
      check.misconfigured.length
        ? `The MAS config is at fault, not the password: ${check.misconfigured.map((m) => fixes[m]).join(' And ')}`
        : "With these settings and with Synapse's own (NFKC, its pepper) it does not match: the password is not this user's.",
    );
  if (check.accountState)
    notes.push(`Note: the account is ${check.accountState} in Synapse, so MAS will refuse the login whatever the password.`);
  return {
    accepted: check.accepted,
    title: check.accepted
      ? `MAS will accept this password for ${check.userId}`
      : `MAS will not accept this password for ${check.userId}: ${check.reason ? reasons[check.reason] : 'it is refused'}`,
    notes,
    settings: `MAS password scheme 1 (bcrypt) at ${settings.source}, secret ${settings.secretSet ? 'set' : 'not set'}, unicode_normalization ${settings.unicodeNormalization ? 'on' : 'off'}`,
  };
}
