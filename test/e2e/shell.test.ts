import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../src-main/hosts/web/server';
import { chromiumPath, launchChromium, screenshot, startTestWebHost } from '../helpers/browser';
import { hasTool } from '../helpers/tools';
import { tempFolder } from '../helpers/temp-folders';

describe.runIf(hasTool(chromiumPath, 'chromium'))('app shell in Chromium through the web host', () => {
  let host: WebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startTestWebHost(await tempFolder('mas-e2e-'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('shows the app info that main sends and streams the self-test progress', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('app-info').textContent()).toMatch(/MAS Migrator \d+\.\d+\.\d+ · linux\/\w+ · web/);
    const seen = new Set<string>();
    const observer = setInterval(
      () =>
        void page
          .getByTestId('self-test')
          .textContent()
          .then((t) => t && seen.add(t)),
      5,
    );
    await page.getByRole('button', { name: 'Run self-test' }).click();
    await expect.poll(() => page.getByTestId('self-test').textContent()).toBe('Self-test passed (3 steps)');
    clearInterval(observer);
    expect([...seen].some((t) => t.startsWith('Self-test step'))).toBe(true);
    for (const title of ['Profiles', 'Connections', 'Configuration', 'Identity providers', 'Checks', 'Migration', 'Report']) {
      await expect.poll(() => page.getByRole('button', { name: title }).count()).toBe(1);
    }
    expect(existsSync(await screenshot(page, 'shell'))).toBe(true);
  });

  it('refuses the IPC socket without the per-start token', async () => {
    const status = await page.evaluate(async (url) => {
      const socket = new WebSocket(url);
      return new Promise<string>((resolve) => {
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      });
    }, `ws://127.0.0.1:${host.port}/ipc?token=wrong`);
    expect(status).toBe('refused');
  });
});
