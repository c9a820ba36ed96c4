import { describe, expect, it } from 'vitest';
import { hardenedWindowOptions, isSafeExternalUrl } from '../../../src-main/hosts/electron/window-options';
import { contentSecurityPolicy } from '../../../src-main/hosts/security-policy';

describe('Electron window hardening', () => {
  it('isolates the renderer and sandboxes it', () => {
    const prefs = hardenedWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('opens only plain https links externally', () => {
    expect(isSafeExternalUrl('https://element-hq.github.io/matrix-authentication-service/')).toBe(true);
    expect(isSafeExternalUrl('http://example.org')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.org')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('has a strict content security policy', () => {
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).toContain("object-src 'none'");
  });
});
