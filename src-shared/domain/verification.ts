import { z } from 'zod';

/** Most examples kept per kind of difference (SPEC §10). */
export const maxVerificationExamples = 20;

/** A row named the way an admin recognises it: Synapse user ID and device ID, never a token, hash or secret. */
export const VerificationExample = z.object({
  userId: z.string().nullable(),
  deviceId: z.string().nullable(),
});
export type VerificationExample = z.infer<typeof VerificationExample>;

/**
 * One kind of difference in one table: a row Synapse says MAS must hold but
 * MAS lacks (`missing`), a row MAS holds that Synapse does not account for
 * (`unexpected`), or a matched row whose `field` differs.
 */
export const VerificationDifference = z.object({
  kind: z.enum(['missing', 'unexpected', 'field']),
  /** The MAS column (or relationship) that differs, for `field`. */
  field: z.string().optional(),
  count: z.number().int(),
  examples: z.array(VerificationExample).max(maxVerificationExamples),
});
export type VerificationDifference = z.infer<typeof VerificationDifference>;

/** One of the MAS tables the migration writes (SPEC §3): rows recomputed from Synapse, rows in MAS, rows equal in every field. */
export const TableVerification = z.object({
  table: z.string(),
  expected: z.number().int(),
  found: z.number().int(),
  matching: z.number().int(),
  differences: z.array(VerificationDifference),
});
export type TableVerification = z.infer<typeof TableVerification>;

/**
 * SPEC §10 verify: MAS compared row by row, by natural keys, with what
 * Synapse says it must hold. `cannot-compare` carries the reason (for example
 * a paused run in MAS). Holds counts and names, never a secret.
 */
export const VerificationResult = z.object({
  outcome: z.enum(['match', 'differs', 'cannot-compare']),
  serverName: z.string(),
  verifiedAt: z.string(),
  durationMs: z.number(),
  /**
   * The instant given to rows whose time Synapse does not know (the migration
   * start, SPEC §5): from the run itself, or inferred from the first such row in MAS.
   */
  migrationStart: z.object({ at: z.string(), source: z.enum(['run', 'inferred']) }).nullable(),
  tables: z.array(TableVerification),
  /** Why it could not compare: an error code or the id of the check that stopped it, in the admin's words. */
  problem: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
});
export type VerificationResult = z.infer<typeof VerificationResult>;

/** `verify` exit codes (SPEC §10): 0 everything matches, 12 something differs, 10 it cannot compare. */
export function verificationExitCode(result: Pick<VerificationResult, 'outcome'>): 0 | 10 | 12 {
  return result.outcome === 'match' ? 0 : result.outcome === 'differs' ? 12 : 10;
}
