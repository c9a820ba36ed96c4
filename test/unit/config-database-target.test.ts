import { describe, expect, it } from 'vitest';
import { databaseTargetFromConfig } from '../../src-main/ipc/sources/config-database-target';

describe('the database a config names, as the connect layer reaches it', () => {
  it('defaults like libpq: the local socket folder, port 5432, the database named after the user, TLS preferred', () => {
    expect(databaseTargetFromConfig({ user: 'synapse' }, 'homeserver.yaml')).toEqual({
      host: '/var/run/postgresql',
      port: 5432,
      database: 'synapse',
      user: 'synapse',
      tls: { mode: 'prefer' },
    });
  });

  it('takes a URI with its sslmode and CA file', () => {
    expect(
      databaseTargetFromConfig(
        { connectionString: 'postgresql://mas:pw@db.internal:5433/mas?sslmode=verify-full&sslrootcert=/etc/ca.pem' },
        'config.yaml',
      ),
    ).toEqual({
      host: 'db.internal',
      port: 5433,
      database: 'mas',
      user: 'mas',
      password: 'pw',
      tls: { mode: 'verify-full', caFile: '/etc/ca.pem' },
    });
  });

  it('names the config when the user or the sslmode is wrong', () => {
    expect(() => databaseTargetFromConfig({ host: 'db' }, 'homeserver.yaml')).toThrow(/homeserver.yaml does not name the user/);
    expect(() => databaseTargetFromConfig({ user: 'x', sslmode: 'sometimes' }, 'homeserver.yaml')).toThrow(
      /sslmode "sometimes" in the database section of homeserver.yaml/,
    );
  });
});
