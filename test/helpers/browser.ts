import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startWebHost, stopWebApp, type WebHost } from '../../src-main/hosts/web/server';
import { createServices } from '../../src-main/ipc/context';

export const chromiumPath = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(root, 'test-results');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * The built renderer (npm test builds it first) served with the real
 * handlers. Closing it stops what the app started too (a sandbox, tunnels),
 * as the web host does when it stops.
 */
export async function startTestWebHost(dataDir: string): Promise<WebHost> {
  const services = createServices({ host: 'web', dataDir, env: process.env });
  const host = await startWebHost({ rendererDir: join(root, 'out', 'renderer'), services });
  return { url: host.url, port: host.port, close: () => stopWebApp(host, services) };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
