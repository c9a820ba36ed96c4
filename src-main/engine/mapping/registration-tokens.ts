import { idScratch, msOrNull, type RowStage } from './stage';

/** The query's columns: */
const [token, usesAllowed, completed, expiryMs] = [0, 1, 2, 3];

/**
 * registration_tokens → user_registration_tokens (SPEC §13), exhausted and
 * expired ones too: MAS shows them as such. Synapse keeps no creation time,
 * so a token is created at the migration start; only completed uses count
 * (registrations still pending cannot finish after the cutover).
 */
export const registrationTokensStage: RowStage = {
  id: 'registration-tokens',
  label: 'Registration tokens',
  source: 'registration_tokens',
  outputs: ['user_registration_tokens'],
  map(row, [tokens], ctx) {
    tokens!.row(8);
    tokens!.uuid(ctx.ids.fresh(ctx.startMs, idScratch[0]));
    tokens!.copyField(row, token);
    tokens!.copyField(row, usesAllowed);
    tokens!.copyField(row, completed);
    tokens!.timestamp(ctx.startMs);
    tokens!.null(); // last_used_at
    tokens!.timestampOrNull(msOrNull(row.int8(expiryMs)));
    tokens!.null(); // revoked_at
    return undefined;
  },
  sql: () => 'SELECT token, uses_allowed::int4, completed::int4, expiry_time::int8 FROM registration_tokens',
};

/** The same columns from a Synapse without registration_tokens: no rows. */
export const noRegistrationTokensSql = 'SELECT NULL::text, NULL::int4, NULL::int4, NULL::int8 WHERE false';
