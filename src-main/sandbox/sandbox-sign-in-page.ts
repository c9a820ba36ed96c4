import type { SandboxAccount } from './sandbox-accounts';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/** Inline styles only: the page loads nothing (see the policy the server sends with it). */
const style = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
.sandbox{background:#fff3cd;border:1px solid #c9a227;padding:.5rem .75rem;border-radius:.375rem}
button{font:inherit;padding:.4rem .9rem;margin:.25rem 0;cursor:pointer}ul{list-style:none;padding:0}`;

/**
 * The sandbox provider's sign-in page: one button per sample account, no
 * password (the accounts are sample data), and a cancel that answers the
 * client with access_denied. Every value is escaped.
 */
export function signInPage(action: string, accounts: readonly SandboxAccount[]): string {
  const buttons = accounts
    .map(
      (a) =>
        `<li><form method="post" action="${html(action)}"><input type="hidden" name="account" value="${html(a.sub)}">` +
        `<button type="submit">Sign in as ${html(a.userId)}</button> <small>(subject ${html(a.sub)})</small></form></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sandbox sign-in</title><style>${style}</style></head>
<body><main>
<h1>Sandbox sign-in</h1>
<p class="sandbox">This is MAS Migrator's sandbox: a stand-in for the homeserver's OpenID provider, on this computer only, with sample accounts. It is not a real provider.</p>
<p>Sign in as one of the sample users Synapse knows from this provider:</p>
<ul>${buttons}</ul>
<form method="post" action="${html(action)}"><input type="hidden" name="cancel" value="1"><button type="submit">Cancel</button></form>
</main></body></html>`;
}
