import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../src-main/hosts/security-policy';
import { startBuiltWebHost } from '../helpers/web-host-process';

describe('the built web host (npm run web)', () => {
  it('starts under plain Node, prints its tokenised address and serves the app', async () => {
    const host = await startBuiltWebHost();
    try {
      const page = await fetch(host.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      // One policy: the header, and the page's own <meta> tag (what a file:// page in Electron has), which
      // leaves out only frame-ancestors (ignored in a meta tag).
      expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
      expect(meta).toBe(metaContentSecurityPolicy);
      expect(contentSecurityPolicy).toBe(`${metaContentSecurityPolicy}; frame-ancestors 'none'`);
      expect(meta).toContain("script-src 'self';"); // the dev server's relaxation is not built in
    } finally {
      host.stop();
    }
  });
});
