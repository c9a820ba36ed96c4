import { describe, expect, it } from 'vitest';
import { hardenedWindowOptions, isSafeExternalUrl, isSafeLoginUrl } from '../../../src-main/hosts/electron/window-options';
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

  it('opens a test login’s authorization URL when it is http(s) without credentials (a local Dex may serve http)', () => {
    expect(isSafeLoginUrl('https://dex.example.org/dex/auth?client_id=x')).toBe(true);
    expect(isSafeLoginUrl('http://127.0.0.1:5556/dex/auth?client_id=x')).toBe(true);
    expect(isSafeLoginUrl('http://user:pw@dex.example.org/auth')).toBe(false);
    expect(isSafeLoginUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeLoginUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeLoginUrl('not a url')).toBe(false);
  });

  it('has a strict content security policy', () => {
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).toContain("object-src 'none'");
  });
});
