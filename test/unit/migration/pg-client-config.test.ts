import { describe, expect, it } from 'vitest';
import { clientConfigFromParams, clientConfigFromUri } from '../../../src-main/engine/migration/pg-client-config';

describe('--synapse-database-uri (SPEC §8)', () => {
  it('takes what the URI gives and fills the rest from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE', async () => {
    const env = { PGHOST: '/run/postgresql', PGPORT: '5433', PGUSER: 'synapse', PGPASSWORD: 'pw', PGDATABASE: 'envdb' };
    expect(await clientConfigFromUri('postgresql:///synapse', env)).toEqual({
      ssl: false,
      host: '/run/postgresql',
      port: 5433,
      user: 'synapse',
      password: 'pw',
      database: 'synapse',
    });
    expect(await clientConfigFromUri('postgresql://admin@db.example.org:6000/', env)).toEqual({
      ssl: false,
      host: 'db.example.org',
      port: 6000,
      user: 'admin',
      password: 'pw',
      database: 'envdb',
    });
  });

  it('honours sslmode=require from the URI or PGSSLMODE', async () => {
    expect((await clientConfigFromUri('postgresql://u@h/db?sslmode=require', {})).ssl).toEqual({ rejectUnauthorized: false });
    expect((await clientConfigFromUri('postgresql://u@h/db', { PGSSLMODE: 'require' })).ssl).toEqual({ rejectUnauthorized: false });
  });

  it('turns connection parameters read from a config into a node-postgres config', async () => {
    expect(await clientConfigFromParams({ host: 'h', port: 5432, user: 'u', password: 'p', database: 'd', sslmode: 'disable' })).toEqual({
      host: 'h',
      port: 5432,
      user: 'u',
      password: 'p',
      database: 'd',
      ssl: false,
    });
  });
});
