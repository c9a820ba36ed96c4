import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppLoadFailure, loadFailurePage } from '../../../src-main/hosts/electron/load-failure-page';
import { headerPolicyFor, isTrustedSender, rendererLocation } from '../../../src-main/hosts/electron/renderer-location';
import {
  contentSecurityPolicy,
  devServerContentSecurityPolicy,
  failurePageContentSecurityPolicy,
} from '../../../src-main/hosts/security-policy';

const indexHtml = '/opt/MAS Migrator/resources/app/out/renderer/index.html';
const indexUrl = pathToFileURL(indexHtml).href;
const built = rendererLocation({ isPackaged: true, devServerUrl: undefined, indexHtml });
const dev = rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/', indexHtml });

/** Frames as Electron's WebFrameMain describes them: the window's main frame and one of its iframes. */
const mainFrame = { url: indexUrl, processId: 4, frameToken: 'main-token' };
const subframe = { url: indexUrl, processId: 4, frameToken: 'iframe-token' };

describe('where the window loads its page from', () => {
  it('a packaged app loads its built file, whatever ELECTRON_RENDERER_URL says', () => {
    expect(built).toEqual({ kind: 'file', url: indexUrl });
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'https://evil.example/', indexHtml })).toEqual(built);
  });

  it('only an unpackaged app follows ELECTRON_RENDERER_URL, and only to an http(s) dev server', () => {
    expect(dev).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/' });
    expect(rendererLocation({ isPackaged: false, devServerUrl: undefined, indexHtml })).toEqual(built);
    expect(() => rendererLocation({ isPackaged: false, devServerUrl: 'file:///tmp/x.html', indexHtml })).toThrow(
      /ELECTRON_RENDERER_URL.*file:\/\/\/tmp\/x\.html/,
    );
    expect(() => rendererLocation({ isPackaged: false, devServerUrl: 'not a url', indexHtml })).toThrow(/ELECTRON_RENDERER_URL/);
  });

  it("the session's policy header is the app's own, relaxed only for the dev server", () => {
    expect(headerPolicyFor(built)).toBe(contentSecurityPolicy);
    expect(headerPolicyFor(dev)).toBe(devServerContentSecurityPolicy);
    expect(devServerContentSecurityPolicy).toMatch(/script-src 'self' 'unsafe-inline';/);
    expect(contentSecurityPolicy).toMatch(/script-src 'self';/);
  });
});

describe('the sender check of every IPC message', () => {
  it("trusts the window's main frame showing the app's page (a query or fragment changes nothing)", () => {
    expect(isTrustedSender(mainFrame, mainFrame, built)).toBe(true);
    expect(isTrustedSender({ ...mainFrame, url: `${indexUrl}#/migration` }, mainFrame, built)).toBe(true);
  });

  it('refuses a subframe, a frame of another process, and a frame that navigated away or was destroyed (null)', () => {
    expect(isTrustedSender(subframe, mainFrame, built)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, processId: 5 }, mainFrame, built)).toBe(false);
    expect(isTrustedSender(null, mainFrame, built)).toBe(false);
  });

  it("refuses the main frame when it shows anything but the app's page", () => {
    for (const url of [
      pathToFileURL('/opt/MAS Migrator/resources/app/out/renderer/other.html').href,
      pathToFileURL('/tmp/index.html').href,
      'https://example.org/index.html',
      'data:text/html,<p>hi</p>',
      'http://localhost:5173/',
      'about:blank',
      '',
    ]) {
      expect(isTrustedSender({ ...mainFrame, url }, { ...mainFrame, url }, built), url).toBe(false);
    }
  });

  it("with the dev server, trusts its origin's pages only", () => {
    const devFrame = { ...mainFrame, url: 'http://localhost:5173/' };
    expect(isTrustedSender(devFrame, devFrame, dev)).toBe(true);
    expect(isTrustedSender({ ...devFrame, url: 'http://localhost:5173/src/main.tsx?x=1' }, devFrame, dev)).toBe(true);
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', indexUrl]) {
      expect(isTrustedSender({ ...devFrame, url }, { ...devFrame, url }, dev), url).toBe(false);
    }
  });
});

describe('when the page fails to load', () => {
  it("shows the error page only for the app's own page in the main frame, not for a replaced load", () => {
    expect(isAppLoadFailure(-6, indexUrl, true, built)).toBe(true); // ERR_FILE_NOT_FOUND
    expect(isAppLoadFailure(-3, indexUrl, true, built)).toBe(false); // ERR_ABORTED: another load replaced it
    expect(isAppLoadFailure(-6, indexUrl, false, built)).toBe(false);
    expect(isAppLoadFailure(-2, 'data:text/html,x', true, built)).toBe(false); // the error page itself: no loop
    expect(isAppLoadFailure(-102, 'http://localhost:5173/', true, dev)).toBe(true); // ERR_CONNECTION_REFUSED
  });

  it('the error page names the page and the failure, escaped, and runs nothing (its own strict policy)', () => {
    const page = loadFailurePage('ERR_FILE_NOT_FOUND <b>', `${indexUrl}?a="b"`);
    expect(page.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(page.slice(page.indexOf(',') + 1));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${failurePageContentSecurityPolicy}">`);
    expect(failurePageContentSecurityPolicy).toContain("default-src 'none'");
    expect(html).toContain('ERR_FILE_NOT_FOUND &lt;b&gt;');
    expect(html).toContain('?a=&quot;b&quot;');
    expect(html).not.toMatch(/<script/i);
  });
});
