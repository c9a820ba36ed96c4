import type { BrowserWindowConstructorOptions } from 'electron';

/** The hardening of DESIGN.md, in one place so a test can pin every flag. */
export function hardenedWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'MAS Migrator',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** External links open in the system browser only when they are plain https. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * A test login's authorization URL (SPEC §12) opens in the system browser when
 * it is http(s) without credentials: a provider such as a local Dex may serve
 * plain http, as MAS itself allows for its issuers.
 */
export function isSafeLoginUrl(url: string): boolean {
  if (isSafeExternalUrl(url)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
