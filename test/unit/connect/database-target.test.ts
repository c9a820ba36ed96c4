import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabaseRoute } from '../../../src-main/connect/postgres/database-route';
import { parseLibpqUri, targetFromSettings } from '../../../src-main/connect/postgres/database-target';

describe('database targets', () => {
  it('parses libpq URIs: user, host, port, database, sslmode, CA file, and a socket folder as host', () => {
    expect(parseLibpqUri('postgresql://mas:pw%40x@db.example.org:6543/mas?sslmode=verify-full&sslrootcert=/etc/ca.pem')).toEqual({
      user: 'mas',
      password: 'pw@x',
      host: 'db.example.org',
      port: 6543,
      database: 'mas',
      tlsMode: 'verify-full',
      caFile: '/etc/ca.pem',
    });
    expect(parseLibpqUri('postgresql:///synapse?host=/var/run/postgresql&user=synapse')).toEqual({
      host: '/var/run/postgresql',
      database: 'synapse',
      user: 'synapse',
    });
    expect(parseLibpqUri('postgres://u@%2Fvar%2Frun%2Fpostgresql/db')).toMatchObject({ host: '/var/run/postgresql', database: 'db' });
  });

  it('refuses a bad URI or sslmode without echoing a password', () => {
    expect(() => parseLibpqUri('mysql://u:hunter2@h/db')).toThrow(/must start with postgresql:\/\//);
    const error = (() => {
      try {
        parseLibpqUri('postgresql://u:hunter2@h/db?sslmode=sometimes');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('sometimes');
    expect(error?.message).not.toContain('hunter2');
  });

  it("applies profile overrides: fields, URI (the profile TLS wins over the URI's), or the config's target", () => {
    expect(targetFromSettings({ source: 'fields', host: 'h', port: 5433, database: 'd', user: 'u' }, 'pw')).toEqual({
      host: 'h',
      port: 5433,
      database: 'd',
      user: 'u',
      password: 'pw',
      tls: { mode: 'prefer' },
    });
    expect(
      targetFromSettings({ source: 'uri', uri: 'postgresql://u@h/d?sslmode=require', tls: { mode: 'verify-full' } }, undefined).tls,
    ).toEqual({ mode: 'verify-full' });
    expect(targetFromSettings({ source: 'uri', uri: 'postgresql://u@h/d?sslmode=require' }, undefined).tls).toEqual({ mode: 'require' });
    const fromConfig = { host: 'cfg', port: 5432, database: 'syn', user: 'syn', password: 'cfgpw', tls: { mode: 'disable' as const } };
    expect(targetFromSettings({ source: 'config' }, undefined, fromConfig)).toEqual(fromConfig);
    expect(targetFromSettings({ source: 'config', tls: { mode: 'require' } }, 'override', fromConfig)).toMatchObject({
      password: 'override',
      tls: { mode: 'require' },
    });
    expect(() => targetFromSettings({ source: 'config' }, undefined)).toThrow(/no database settings were read/);
  });

  it('fails a connection to a server that never answers instead of hanging', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const route = await openDatabaseRoute({
        target: { host: '127.0.0.1', port, database: 'd', user: 'u', tls: { mode: 'disable' } },
        connectTimeoutMs: 300,
      });
      await expect(route.connect()).rejects.toMatchObject({
        code: 'db-unreachable',
        message: expect.stringContaining('did not answer in time'),
      });
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
