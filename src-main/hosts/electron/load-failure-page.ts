import { failurePageContentSecurityPolicy } from '../security-policy';
import { isAppUrl, type RendererLocation } from './renderer-location';

/** Chromium's net::ERR_ABORTED: a load replaced by another one (a reload, our own error page), not a failure. */
const aborted = -3;

/** The app's own page failed to load in the main frame (not a subresource, not a load that was merely replaced). */
export function isAppLoadFailure(errorCode: number, url: string, isMainFrame: boolean, location: RendererLocation): boolean {
  return isMainFrame && errorCode !== aborted && isAppUrl(url, location);
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A small page, as a data: URL, saying that the app's page could not be loaded and what to do, so
 * the window appears with a reason instead of never appearing. It runs nothing and loads nothing.
 */
export function loadFailurePage(errorDescription: string, url: string): string {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${failurePageContentSecurityPolicy}">
<title>MAS Migrator could not start</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:3rem;max-width:40rem;color:#1b1d22;background:#f6f7f9}code{word-break:break-all}</style>
</head>
<body>
<h1>MAS Migrator could not load its window</h1>
<p>The page <code>${escapeHtml(url)}</code> failed to load: <code>${escapeHtml(errorDescription)}</code>.</p>
<p>Quit the app and start it again. If this happens again, install the app again: a file it needs is missing or damaged.</p>
</body>
</html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
