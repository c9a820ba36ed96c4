import { z } from 'zod';

/** One step of the go-live check (SPEC §10): a verdict, what was seen, and when it fails the likely cause. */
export const GoLiveStep = z.object({
  id: z.enum(['client-api', 'auth-metadata', 'login-routing', 'mas-health', 'session']),
  label: z.string(),
  verdict: z.enum(['pass', 'fail', 'skipped']),
  detail: z.string(),
  likelyCause: z.string().optional(),
});
export type GoLiveStep = z.infer<typeof GoLiveStep>;

/** 0 when no step failed, 12 otherwise (the same "it differs from what it must be" as verify). */
export function goLiveExitCode(steps: readonly GoLiveStep[]): 0 | 12 {
  return steps.some((s) => s.verdict === 'fail') ? 12 : 0;
}
