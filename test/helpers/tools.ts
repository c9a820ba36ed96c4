import { existsSync } from 'node:fs';

/**
 * Whether a system tool the tests need is installed. Outside CI a missing tool
 * skips the tests that need it (with a message); in CI (CI=true), where
 * .ci/run installs it, a missing tool fails the run instead.
 */
export function hasTool(path: string, debianPackage: string): boolean {
  if (existsSync(path)) return true;
  const message = `${path} is missing: install the Debian package "${debianPackage}" to run these tests.`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`Skipping: ${message}`);
  return false;
}
