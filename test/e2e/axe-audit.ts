import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * axe-core's browser build. The page's Content-Security-Policy allows only its
 * own scripts, so a <script> tag with it would be refused; Playwright's
 * evaluate goes through the DevTools protocol (Runtime.evaluate), which the
 * page's CSP does not govern.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

declare global {
  interface Window {
    axe?: { run: (context: Document, options: object) => Promise<AxeResults> };
  }
}

/** The serious and critical violations axe finds in the page as shown now, one line per element. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(axeSource);
  const { violations, passes } = await page.evaluate(() => window.axe!.run(document, { resultTypes: ['violations'] }));
  // An audit that checked nothing (axe not loaded, an empty page) passes nothing.
  expect(passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`));
}

/** The page as shown now passes axe in the light and the dark theme (the app follows prefers-color-scheme). */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect.soft(await seriousViolations(page), `${what}, ${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
