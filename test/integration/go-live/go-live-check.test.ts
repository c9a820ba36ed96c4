import { runCliCaptured } from '../../helpers/cli';
import { describe, expect, it } from 'vitest';
import { deployments, masListeners } from '../../fixtures/go-live-answers';
import { goLiveServers } from '../../helpers/go-live-server';

const token = 'mat_Pr3MigrationSessionToken_0123456789';

const serve = goLiveServers();

async function goLive(args: string[], input = `${token}\n`) {
  const { code, stdout, stderr } = await runCliCaptured(['syn2mas', 'go-live-check', ...args], { stdin: input });
  expect(stdout + stderr, 'the token was printed').not.toContain(token);
  return { code, stdout, stderr, line: (label: string) => stdout.split('\n').find((l) => l.slice(2).startsWith(label)) ?? '' };
}

describe('syn2mas go-live-check against servers answering as documented', () => {
  it('a correct deployment: every step passes, and the token goes to whoami only', async () => {
    const hs = await serve(deployments.correct);
    const mas = await serve(masListeners.withHealth);
    const run = await goLive(['--homeserver', hs.url, '--mas', mas.url]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      '✓ Homeserver client API: the client API answers (Matrix v1.15)',
      '✓ Authorization server named by the homeserver: names the issuer https://auth.example.org/ (v1/auth_metadata)',
      "✓ Legacy login, logout and refresh routed to MAS: legacy login is answered by MAS's compatibility layer",
      '✓ MAS health: MAS answers its health check (HTTP 200)',
      "✓ An existing session: the token is @joe:example.org's on device ABC1234: sessions from before the migration work",
    ]);
    expect(run.stdout).toContain('The homeserver is live on MAS, and existing sessions work.');
    expect(hs.seen.filter((s) => s.authorization !== undefined)).toEqual([
      { path: '/_matrix/client/v3/account/whoami', authorization: `Bearer ${token}` },
    ]);
    expect(mas.seen).toEqual([{ path: '/health', authorization: undefined }]);
  });

  it('a homeserver URL with a path prefix, the unstable MSC2965 metadata path, and no --mas (health skipped)', async () => {
    const hs = await serve(deployments.unstableMetadataOnly, '/matrix');
    const run = await goLive(['--homeserver', hs.url]);
    expect(run.code).toBe(0);
    expect(run.line('Authorization server')).toContain('names the issuer https://auth.example.org/ (the unstable MSC2965 auth_metadata)');
    expect(run.line('MAS health')).toMatch(/^– MAS health: skipped: give --mas/);
  });

  it('Synapse not restarted with the MAS section: metadata and login fail with that cause', async () => {
    const hs = await serve(deployments.synapseNotRestarted);
    const run = await goLive(['--homeserver', hs.url]);
    expect(run.code).toBe(12);
    expect(run.line('Authorization server')).toBe(
      '✗ Authorization server named by the homeserver: HTTP 404 (M_UNRECOGNIZED) for the authorization server metadata',
    );
    expect(run.stdout).toContain(
      'likely cause: Synapse does not delegate authentication to MAS: it was not restarted with the matrix_authentication_service section',
    );
    expect(run.stdout).toContain('2 of 5 steps failed.');
  });

  it('the proxy does not route /login to MAS', async () => {
    const run = await goLive(['--homeserver', (await serve(deployments.loginNotRouted)).url]);
    expect(run.code).toBe(12);
    expect(run.line('Legacy login')).toContain(
      '✗ Legacy login, logout and refresh routed to MAS: the login flows come from Synapse itself',
    );
    expect(run.stdout).toContain('likely cause: The reverse proxy does not route /_matrix/client/*/login, /logout and /refresh to MAS');
  });

  it('the session does not survive: unknown token, or Synapse cannot ask MAS', async () => {
    const unknown = await goLive(['--homeserver', (await serve(deployments.tokenUnknown)).url]);
    expect(unknown.code).toBe(12);
    expect(unknown.line('An existing session')).toBe(
      '✗ An existing session: HTTP 401 (M_UNKNOWN_TOKEN): the homeserver does not accept the token',
    );
    expect(unknown.stdout).toContain(
      'it was not migrated (run syn2mas verify), the session was logged out, or Synapse and MAS do not share the secret',
    );
    const unreachable = await goLive(['--homeserver', (await serve(deployments.masUnreachableFromSynapse)).url]);
    expect(unreachable.line('An existing session')).toBe('✗ An existing session: HTTP 503 (M_UNKNOWN) for whoami');
    expect(unreachable.stdout).toContain('check that matrix_authentication_service.endpoint reaches MAS');
  });

  it('MAS without the health resource on that listener, and nothing listening at all', async () => {
    const hs = await serve(deployments.correct);
    const noHealth = await goLive(['--homeserver', hs.url, '--mas', (await serve(masListeners.withoutHealth)).url]);
    expect(noHealth.code).toBe(12);
    expect(noHealth.line('MAS health')).toBe('✗ MAS health: HTTP 404 (M_UNRECOGNIZED) from /health');
    expect(noHealth.stdout).toContain('does not serve the health resource');
    const closed = await serve({});
    const port = new URL(closed.url).port;
    await closed.close();
    const down = await goLive(['--homeserver', `http://127.0.0.1:${port}`]);
    expect(down.code).toBe(12);
    expect(down.line('Homeserver client API')).toMatch(/^✗ Homeserver client API: no answer: .*ECONNREFUSED/);
    expect(down.stdout).toContain('likely cause: Nothing answers there');
    expect(down.line('An existing session')).toBe('– An existing session: skipped: the homeserver does not answer');
  });

  it('bad input: no URL, a URL that is not http(s), no token', async () => {
    expect((await goLive([])).code).toBe(2);
    const ftp = await goLive(['--homeserver', 'ftp://example.org']);
    expect([ftp.code, ftp.stderr]).toEqual([2, expect.stringContaining('is not an http(s) URL')]);
    const hs = await serve(deployments.correct);
    const empty = await goLive(['--homeserver', hs.url], '\n');
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('No access token was given on standard input')]);
    const garbled = await goLive(['--homeserver', hs.url], `${token} ünïcode\n`);
    expect([garbled.code, garbled.stderr]).toEqual([2, expect.stringContaining('characters no access token has')]);
    expect(garbled.stderr).not.toContain('ünïcode');
    expect(hs.seen).toEqual([]);
    expect((await goLive(['--help'])).stdout).toContain('12 a step failed');
  });
});
