import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { headerPolicyFor, rendererLocation } from '../../src-main/hosts/electron/renderer-location';
import { devServerContentSecurityPolicy } from '../../src-main/hosts/security-policy';
import { chromiumPath, launchChromium } from '../helpers/browser';
import { hasTool } from '../helpers/tools';

/**
 * `npm run dev`: electron-vite serves the renderer with the renderer config's plugins, and the window
 * loads it from the dev server, its session adding the policy header `headerPolicyFor` chooses
 * (Electron's `webRequest.onHeadersReceived`). Here the same config is served by Vite with that header
 * and opened in Chromium (the Electron binary cannot run here): the page must render under both
 * policies, the React plugin's inline Fast Refresh preamble allowed (a blank window otherwise).
 */
const devLocation = rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/', indexHtml: '/unused' });

/** What the Electron session does to every response of the dev server. */
const sessionHeader: Plugin = {
  name: 'electron-session-policy-header',
  configureServer(server) {
    server.middlewares.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', headerPolicyFor(devLocation));
      next();
    });
  },
};

describe.runIf(hasTool(chromiumPath, 'chromium'))('the dev server page under its Content-Security-Policy', () => {
  let server: ViteDevServer;
  let browser: Browser;
  beforeAll(async () => {
    const renderer = (config as { renderer: { root: string; plugins: Plugin[] } }).renderer;
    server = await createServer({
      configFile: false,
      root: renderer.root,
      plugins: [sessionHeader, ...renderer.plugins],
      logLevel: 'silent',
      server: { host: 'localhost', port: 0, strictPort: false },
    });
    await server.listen();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders, with the dev policy in its header and meta tag and no violation of them', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`http://localhost:${(server.httpServer!.address() as AddressInfo).port}/`);
    expect(response?.headers()['content-security-policy']).toBe(devServerContentSecurityPolicy);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(devServerContentSecurityPolicy);
    // React mounted: without the preamble the plugin's modules throw and #root stays empty.
    await expect.poll(() => page.locator('#root > *').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
});
