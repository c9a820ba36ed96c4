import { describe, expect, it } from 'vitest';
import { startBuiltWebHost } from '../helpers/web-host-process';

describe('the built web host (npm run web)', () => {
  it('starts under plain Node, prints its tokenised address and serves the app', async () => {
    const host = await startBuiltWebHost();
    try {
      const page = await fetch(host.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      host.stop();
    }
  });
});
