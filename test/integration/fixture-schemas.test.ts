import { describe, expect, it } from 'vitest';
import { databaseWithSchema, withClient } from '../helpers/databases';
import { fixtureMasSchemaVersion } from '../helpers/pg-clients';

describe('test fixture schemas', () => {
  it('the Synapse schema has the six tables the migration reads', async () => {
    const url = await databaseWithSchema('synapse');
    const tables = await withClient(url, (c) =>
      c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"),
    );
    expect(tables.rows.map((r) => r.t)).toEqual([
      'access_tokens',
      'devices',
      'refresh_tokens',
      'user_external_ids',
      'user_threepids',
      'users',
    ]);
  });

  it('the MAS schema has the eight tables, their neighbours with foreign keys into them, and pg_trgm', async () => {
    const url = await databaseWithSchema('mas');
    await withClient(url, async (c) => {
      const ext = await c.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
      expect(ext.rowCount).toBe(1);
      const inbound = await c.query<{ from: string; to: string }>(`
        SELECT conrelid::regclass::text AS from, confrelid::regclass::text AS to FROM pg_constraint
        WHERE contype = 'f' AND conrelid <> confrelid
          AND conrelid::regclass::text IN ('user_sessions','oauth2_sessions','compat_sso_logins','user_recovery_tickets','upstream_oauth_authorization_sessions','user_session_authentications')`);
      const targets = new Set(inbound.rows.map((r) => r.to));
      for (const t of ['users', 'user_emails', 'compat_sessions', 'upstream_oauth_links', 'user_passwords']) expect(targets).toContain(t);
      const head = await c.query('SELECT max(version)::text AS v FROM _sqlx_migrations');
      expect(head.rows[0].v).toBe(fixtureMasSchemaVersion());
    });
  });
});
