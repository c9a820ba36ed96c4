import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactSecrets } from '../../../src-shared/redact';
import { createServices } from '../../ipc/context';
import { defaultDataDir } from '../data-dir';
import { startWebHost, stopWebApp } from './server';

/** `npm run web`: the app in a browser, for development and the browser tests. */
const here = dirname(fileURLToPath(import.meta.url));
const port = process.env.MAS_MIGRATOR_PORT ? Number(process.env.MAS_MIGRATOR_PORT) : 0;
const services = createServices({
  host: 'web',
  env: process.env,
  dataDir: process.env.MAS_MIGRATOR_DATA_DIR ?? defaultDataDir(),
  masSchemaPath: process.env.MAS_MIGRATOR_MAS_SCHEMA,
});
await services.clearLeftovers().catch((error: unknown) => {
  console.error(redactSecrets(`A sandbox left by an earlier run could not be cleared: ${(error as Error).message}`));
});
const host = await startWebHost({ rendererDir: join(here, '..', 'renderer'), services, port });
console.log(`MAS Migrator is running at ${host.url}`);
console.log('Open that address in a browser on this machine; press Ctrl-C to stop.');
const stop = () => void stopWebApp(host, services).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
