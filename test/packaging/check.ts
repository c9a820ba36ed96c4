/** One check of `npm run package:check`: it throws, with what is wrong, when it fails. */
export interface Check {
  name: string;
  run: () => Promise<void>;
}

export interface CheckOutcome {
  name: string;
  error?: string;
}

/** Runs the checks one after the other, printing each verdict as it comes; steps that others need stop at a failure. */
export async function runChecks(
  checks: Check[],
  print: (line: string) => void,
  options: { steps?: boolean } = {},
): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    try {
      await check.run();
      outcomes.push({ name: check.name });
      print(`  ✓ ${check.name}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ name: check.name, error: message });
      print(`  ✗ ${check.name}: ${message}`);
      if (options.steps) break;
    }
  }
  return outcomes;
}
