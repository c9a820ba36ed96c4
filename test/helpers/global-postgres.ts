import type { TestProject } from 'vitest/node';
import { startLocalPostgres } from '../../src-main/connect/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgSocketDir: string;
  }
}

/** One PostgreSQL for the whole run: TEST_PG_URL if given, else a throwaway embedded server. */
export default async function setup(project: TestProject) {
  if (process.env.TEST_PG_URL) {
    project.provide('pgUrl', process.env.TEST_PG_URL);
    project.provide('pgSocketDir', '');
    return;
  }
  const server = await startLocalPostgres();
  project.provide('pgUrl', server.url);
  project.provide('pgSocketDir', server.socketDir);
  return async () => {
    await server.stop();
  };
}
