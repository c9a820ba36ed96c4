/**
 * The app's one Content-Security-Policy, for both hosts: only our own scripts and the IPC socket.
 * The web host sends it as a header; the page carries it as a `<meta>` tag too (put in by the
 * renderer build), which is what protects a `file://` page in Electron (Electron's security guide
 * recommends the tag there).
 */
const directives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The header: `frame-ancestors` works only there. */
export const contentSecurityPolicy = [...directives, "frame-ancestors 'none'"].join('; ');

/** The `<meta>` tag of the built page (CSP3: frame-ancestors, report-uri and sandbox are ignored in a meta tag). */
export const metaContentSecurityPolicy = directives.join('; ');

/**
 * The `<meta>` tag while `npm run dev` serves the page: the React plugin's Fast Refresh preamble is an
 * inline script, and Vite's client talks to its dev server over a WebSocket. Never built into the app:
 * a packaged app loads only its built page (ELECTRON_RENDERER_URL is ignored there).
 */
export const devServerContentSecurityPolicy = directives
  .map((directive) => {
    if (directive.startsWith('script-src ')) return `${directive} 'unsafe-inline'`;
    if (directive.startsWith('connect-src ')) return `${directive} ws://localhost:*`;
    return directive;
  })
  .join('; ');

/** The page shown when the app's own page fails to load: no script, no request, its inline style only. */
export const failurePageContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
