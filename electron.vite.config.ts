import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

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
    plugins: [react()],
  },
});
