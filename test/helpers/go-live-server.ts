import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach } from 'vitest';
import { type Answer, answers } from '../fixtures/go-live-answers';

export interface SeenRequest {
  path: string;
  authorization: string | undefined;
}

export interface GoLiveServer {
  url: string;
  /** Every request it was asked, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

const servers = new Set<Server>();
const closeAll = () => Promise.all([...servers].map((s) => new Promise((resolve) => s.close(resolve)))).then(() => servers.clear());

/**
 * Servers answering the go-live check as the fixture says a homeserver or MAS
 * answers (the tests cannot run MAS), closed after each test (`each`) or after the file.
 */
export function goLiveServers(close: 'each' | 'all' = 'each') {
  if (close === 'each') afterEach(closeAll);
  else afterAll(closeAll);
  return async function serve(routes: Record<string, Answer>, prefix = ''): Promise<GoLiveServer> {
    const seen: SeenRequest[] = [];
    const server = createServer((req, res) => {
      const path = (req.url ?? '').replace(prefix, '');
      seen.push({ path, authorization: req.headers.authorization });
      const answer = routes[path] ?? answers.notFound;
      res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
    servers.add(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
      seen,
      close: () =>
        new Promise((resolve) => {
          servers.delete(server);
          server.close(() => resolve());
        }),
    };
  };
}
