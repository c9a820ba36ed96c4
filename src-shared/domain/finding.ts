import { z } from 'zod';
import { ErrorCode } from '../errors';

/** Where a finding comes from, so the Checks screen can group them. */
export const FindingArea = z.enum(['synapse-config', 'mas-config', 'synapse-database', 'mas-database', 'data-integrity', 'connection']);

/**
 * One result of the checker (SPEC §2). `id` is stable (scripts and
 * acknowledgements refer to it); errors block a real migration, warnings must
 * be acknowledged, info is for the record.
 */
export const Finding = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  area: FindingArea,
  /** One line, with the numbers and names involved. */
  message: z.string(),
  /** What the admin should do about it. */
  fix: z.string(),
  /** Where it was found: a file and key path, a table, a host. */
  source: z.string().optional(),
  count: z.number().int().optional(),
  /** Up to 20 example rows or values (integrity scan). */
  examples: z.array(z.string()).max(20).optional(),
  /** For a check that could not run: the error that stopped it (the same code every host reports). */
  code: ErrorCode.optional(),
});
export type Finding = z.infer<typeof Finding>;
export type Severity = Finding['severity'];

/** `check` exit codes (SPEC §2): 10 with any error, 11 with only warnings, 0 otherwise. */
export function checkExitCode(findings: readonly Finding[]): 0 | 10 | 11 {
  if (findings.some((f) => f.severity === 'error')) return 10;
  if (findings.some((f) => f.severity === 'warning')) return 11;
  return 0;
}
