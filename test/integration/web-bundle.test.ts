import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the built web host (npm run web)', () => {
  it('starts under plain Node, prints its tokenised address and serves the app', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mas-web-'));
    const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js')], {
      env: { ...process.env, MAS_MIGRATOR_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += String(chunk);
          const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
          if (match) resolve(match[0]);
        });
        child.stderr.on('data', (chunk) => (output += String(chunk)));
        child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${output}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
