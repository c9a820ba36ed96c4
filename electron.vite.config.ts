import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { devServerContentSecurityPolicy, metaContentSecurityPolicy } from './src-main/hosts/security-policy';

/**
 * Fills the page's Content-Security-Policy `<meta>` tag from the one policy of both hosts: the strict
 * one in the built page, the dev server's (inline Fast Refresh preamble, Vite's socket) only when served.
 */
function contentSecurityPolicyTag(): Plugin {
  const placeholder = '%CONTENT_SECURITY_POLICY%';
  let policy = metaContentSecurityPolicy;
  return {
    name: 'mas-migrator-content-security-policy',
    configResolved(config) {
      if (config.command === 'serve') policy = devServerContentSecurityPolicy;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(placeholder))
          throw new Error(`src-renderer/index.html has no ${placeholder} to fill with the Content-Security-Policy.`);
        return html.replace(placeholder, policy);
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // One bundle per host: the Electron app, the browser host and the command line.
        input: {
          index: resolve('src-main/hosts/electron/main.ts'),
          web: resolve('src-main/hosts/web/web.ts'),
          cli: resolve('src-main/hosts/cli/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { preload: resolve('src-main/hosts/electron/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: { rollupOptions: { input: resolve('src-renderer/index.html') } },
    plugins: [contentSecurityPolicyTag(), react()],
  },
});
