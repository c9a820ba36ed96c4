import { chmod, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabaseRoute } from '../../../src-main/connect/postgres/database-route';
import { resolveTarget } from '../../../src-main/connect/postgres/database-target';
import {
  settingsFromMasSection,
  settingsFromProfile,
  settingsFromSynapseArgs,
  settingsFromUri,
} from '../../../src-main/connect/postgres/libpq-settings';
import { tempFolder } from '../../helpers/temp-folders';

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('did not throw');
};
/** An environment with nothing libpq would read, and a home without ~/.pgpass or ~/.postgresql. */
const bare = { HOME: '/nonexistent' };

describe('libpq settings from each way the app learns of a database', () => {
  it('parses libpq URIs: user, password, host, port, database, parameters, and a socket folder or IPv6 address as host', () => {
    expect(settingsFromUri('postgresql://mas:pw%40x@db.example.org:6543/mas?sslmode=verify-full&sslrootcert=/etc/ca.pem', 'x')).toEqual({
      user: 'mas',
      password: 'pw@x',
      host: 'db.example.org',
      port: '6543',
      dbname: 'mas',
      sslmode: 'verify-full',
      sslrootcert: '/etc/ca.pem',
    });
    expect(settingsFromUri('postgresql:///synapse?host=/var/run/postgresql&user=synapse&connect_timeout=5', 'x')).toEqual({
      host: '/var/run/postgresql',
      dbname: 'synapse',
      user: 'synapse',
      connect_timeout: '5',
    });
    expect(settingsFromUri('postgres://u@%2Fvar%2Frun%2Fpostgresql/db', 'x')).toMatchObject({ host: '/var/run/postgresql', dbname: 'db' });
    expect(settingsFromUri('postgresql://[::1]:5433/db', 'x')).toMatchObject({ host: '::1', port: '5433' });
    expect(settingsFromUri('postgresql://', 'x')).toEqual({});
  });

  it('refuses what libpq refuses, naming where the URI came from and never echoing its password', () => {
    const cases: [string, RegExp][] = [
      ['postgresql://u:hunter2@h:notaport/x', /port "notaport" of the database URI given as --synapse-database-uri is not a number/],
      ['mysql://u:hunter2@h/db', /must start with postgresql:\/\/ \(it starts with mysql:\/\/\)/],
      ['postgresql://u:hunter2@h/db?frobnicate=1', /parameter "frobnicate", which libpq does not know/],
      ['postgresql://u:hunter2@h1,h2/db', /names several hosts/],
      ['postgresql://u:hunter2@h/%zz', /not validly percent-encoded/],
    ];
    for (const [uri, message] of cases) {
      const error = thrown(() => settingsFromUri(uri, 'given as --synapse-database-uri'));
      expect(error).toMatchObject({ code: 'db-settings-invalid', message: expect.stringMatching(message) });
      expect(error.message).not.toContain('hunter2');
    }
  });

  it("takes Synapse's database.args as psycopg2 hands them to libpq (database = dbname; Synapse's own keys are not settings)", () => {
    expect(
      settingsFromSynapseArgs({
        user: 's',
        password: 'p',
        database: 'syn',
        host: 'db',
        port: 5433,
        cp_min: 5,
        cp_max: 10,
        sslmode: 'require',
        keepalives_idle: 30,
      }),
    ).toEqual({ user: 's', password: 'p', dbname: 'syn', host: 'db', port: '5433', sslmode: 'require', keepalives_idle: '30' });
  });

  it("maps MAS's database section: fields or a URI, ssl_* as files or inline PEM, connect_timeout; both a URI and fields is an error", () => {
    expect(
      settingsFromMasSection(
        {
          socket: '/run/postgresql',
          username: 'mas',
          database: 'mas',
          ssl_mode: 'verify-ca',
          ssl_ca: '-----BEGIN…',
          ssl_certificate_file: '/c.pem',
          ssl_key_file: '/k.pem',
          connect_timeout: 7,
        },
        'mas.yaml',
      ),
    ).toEqual({
      host: '/run/postgresql',
      user: 'mas',
      dbname: 'mas',
      sslmode: 'verify-ca',
      sslrootcertPem: '-----BEGIN…',
      sslcert: '/c.pem',
      sslkey: '/k.pem',
      connect_timeout: '7',
    });
    expect(settingsFromMasSection({ uri: 'postgresql://mas@db/mas', ssl_mode: 'require' }, 'mas.yaml')).toEqual({
      user: 'mas',
      host: 'db',
      dbname: 'mas',
      sslmode: 'require',
    });
    expect(settingsFromMasSection({ host: 'db' }, 'mas.yaml', 'from-file')).toEqual({ host: 'db', password: 'from-file' });
    expect(thrown(() => settingsFromMasSection({ uri: 'postgresql://db/mas', host: 'db' }, 'mas.yaml line 3'))).toMatchObject({
      code: 'mas-db-both',
      message: expect.stringContaining('mas.yaml line 3'),
    });
    expect(thrown(() => settingsFromMasSection({ uri: 'postgresql://db:x/mas' }, 'mas.yaml line 3'))).toMatchObject({
      code: 'db-settings-invalid',
      message: expect.stringContaining('"x" of the database URI mas.yaml line 3'),
    });
  });

  it("applies a profile's overrides: fields, a URI, or the config's settings; its TLS and password win", () => {
    expect(settingsFromProfile({ source: 'fields', host: 'h', port: 5433, database: 'd', user: 'u' }, 'pw', undefined, 'synapse')).toEqual({
      host: 'h',
      port: '5433',
      dbname: 'd',
      user: 'u',
      password: 'pw',
    });
    expect(
      settingsFromProfile(
        { source: 'uri', uri: 'postgresql://u@h/d?sslmode=require', tls: { mode: 'verify-full', caFile: '/ca.pem' } },
        undefined,
        undefined,
        'mas',
      ),
    ).toMatchObject({ sslmode: 'verify-full', sslrootcert: '/ca.pem' });
    const fromConfig = { host: 'cfg', user: 'syn', password: 'cfgpw', sslmode: 'disable', sslrootcertPem: 'inline' };
    expect(settingsFromProfile({ source: 'config' }, undefined, fromConfig, 'synapse')).toEqual(fromConfig);
    expect(
      settingsFromProfile(
        { source: 'config', tls: { mode: 'require', caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/k.pem' } },
        'override',
        fromConfig,
        'synapse',
      ),
    ).toMatchObject({
      password: 'override',
      sslmode: 'require',
      sslrootcert: '/ca.pem',
      sslrootcertPem: undefined,
      sslcert: '/c.pem',
      sslkey: '/k.pem',
    });
    expect(thrown(() => settingsFromProfile({ source: 'config' }, undefined, undefined, 'synapse'))).toMatchObject({
      code: 'db-settings-invalid',
    });
  });
});

describe("libpq's rules for what the settings leave out", () => {
  it('defaults: the local socket folder, port 5432, the OS user, a database named after the user, sslmode prefer, a 20 s timeout', async () => {
    const target = await resolveTarget({}, { env: bare, where: 'x' });
    expect(target).toEqual({
      host: '/var/run/postgresql',
      port: 5432,
      user: userInfo().username,
      database: userInfo().username,
      tls: { mode: 'prefer' },
      connectTimeoutSeconds: 20,
      keepalives: true,
    });
  });

  it('the PG* variables fill what the settings leave out, and never replace what they give', async () => {
    const env = {
      ...bare,
      PGHOST: 'envhost',
      PGPORT: '6000',
      PGUSER: 'envuser',
      PGPASSWORD: 'envpw',
      PGDATABASE: 'envdb',
      PGSSLMODE: 'require',
      PGCONNECT_TIMEOUT: '1',
      PGOPTIONS: '-c search_path=x',
    };
    expect(await resolveTarget({}, { env, where: 'x' })).toMatchObject({
      host: 'envhost',
      port: 6000,
      user: 'envuser',
      password: 'envpw',
      database: 'envdb',
      tls: { mode: 'require' },
      connectTimeoutSeconds: 2,
      options: '-c search_path=x',
    });
    expect(await resolveTarget({ host: 'given', user: 'u', password: 'p', sslmode: 'disable' }, { env, where: 'x' })).toMatchObject({
      host: 'given',
      user: 'u',
      password: 'p',
      database: 'envdb',
      tls: { mode: 'disable' },
    });
  });

  it('sslmode require with a CA file verifies the CA, as libpq does; bad values are errors naming where they came from', async () => {
    expect((await resolveTarget({ sslmode: 'require', sslrootcert: '/ca.pem' }, { env: bare, where: 'x' })).tls).toEqual({
      mode: 'verify-ca',
      rootCert: { file: '/ca.pem' },
    });
    await expect(resolveTarget({ sslmode: 'sometimes' }, { env: bare, where: 'homeserver.yaml database.args' })).rejects.toMatchObject({
      code: 'db-settings-invalid',
      message: expect.stringContaining('"sometimes" in homeserver.yaml database.args'),
    });
    await expect(resolveTarget({ port: '99999' }, { env: bare, where: 'mas.yaml' })).rejects.toMatchObject({ code: 'db-settings-invalid' });
  });

  it('a missing password comes from the password file: first matching line, * wildcards, escapes, a socket as localhost; a file others can read is ignored', async () => {
    const dir = await tempFolder('pgpass-');
    const file = join(dir, 'pgpass');
    await writeFile(
      file,
      '# comment\nother:5432:*:u:not-this\n*:5432:syn:u:p\\:with\\\\colon\nlocalhost:5432:*:sock:socket-pw\n*:*:*:u:fallback\n',
      { mode: 0o600 },
    );
    const env = { ...bare, PGPASSFILE: file };
    expect((await resolveTarget({ host: 'db', user: 'u', dbname: 'syn' }, { env, where: 'x' })).password).toBe('p:with\\colon');
    expect((await resolveTarget({ host: 'db', user: 'u', dbname: 'mas' }, { env, where: 'x' })).password).toBe('fallback');
    expect((await resolveTarget({ host: '/run/postgresql', user: 'sock' }, { env, where: 'x' })).password).toBe('socket-pw');
    expect((await resolveTarget({ host: 'db', user: 'u', password: 'given' }, { env, where: 'x' })).password).toBe('given');
    await chmod(file, 0o644);
    const insecure = await resolveTarget({ host: 'db', user: 'u', dbname: 'syn' }, { env, where: 'x' });
    expect(insecure.password).toBeUndefined();
    expect(insecure.passfileNote).toContain('chmod 0600');
  });

  it('fails a connection to a server that never answers instead of hanging', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const target = await resolveTarget(
        { host: '127.0.0.1', port: String(port), user: 'u', dbname: 'd', sslmode: 'disable', connect_timeout: '2' },
        { env: bare, where: 'x' },
      );
      const route = await openDatabaseRoute({ target });
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
