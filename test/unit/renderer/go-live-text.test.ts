import { describe, expect, it } from 'vitest';
import type { GoLiveStep } from '../../../src-shared/domain/go-live';
import { goLiveItems, goLiveSummary, httpUrlProblem } from '../../../src-renderer/src/screens/report/go-live-text';

const steps: GoLiveStep[] = [
  { id: 'client-api', label: 'Homeserver client API', verdict: 'pass', detail: 'the client API answers (Matrix v1.15)' },
  {
    id: 'login-routing',
    label: 'Legacy login, logout and refresh routed to MAS',
    verdict: 'fail',
    detail: 'the login flows come from Synapse itself',
    likelyCause: 'The reverse proxy does not route /login to MAS.',
  },
  { id: 'mas-health', label: 'MAS health', verdict: 'skipped', detail: 'give the MAS URL' },
];

describe('the go-live check on the Report screen', () => {
  it('shows each step as a line with its verdict, what was seen, and the likely cause of a failure', () => {
    expect(goLiveItems(steps)).toEqual([
      { id: 'client-api', label: 'Homeserver client API', state: 'ok', detail: 'the client API answers (Matrix v1.15)', cause: undefined },
      {
        id: 'login-routing',
        label: 'Legacy login, logout and refresh routed to MAS',
        state: 'failed',
        detail: 'the login flows come from Synapse itself',
        cause: 'The reverse proxy does not route /login to MAS.',
      },
      { id: 'mas-health', label: 'MAS health', state: 'skipped', detail: 'give the MAS URL', cause: undefined },
    ]);
  });

  it('sums up: live when no step failed (skipped ones do not count), else how many failed', () => {
    expect(goLiveSummary(steps)).toEqual({ tone: 'error', title: '1 step of 3 failed' });
    expect(goLiveSummary([steps[0]!, steps[2]!])).toEqual({
      tone: 'ok',
      title: 'The homeserver is live on MAS, and existing sessions work',
    });
    expect(goLiveSummary([steps[1]!, steps[1]!]).title).toBe('2 steps of 2 failed');
  });

  it('asks for plain http(s) URLs, the MAS one optional', () => {
    expect(httpUrlProblem('https://matrix.example.org/', true)).toBeUndefined();
    expect(httpUrlProblem(' http://127.0.0.1:8008/matrix ', true)).toBeUndefined();
    expect(httpUrlProblem('', false)).toBeUndefined();
    expect(httpUrlProblem('  ', true)).toBe('Give the URL.');
    expect(httpUrlProblem('matrix.example.org', true)).toBe('Give a full URL, e.g. https://matrix.example.org.');
    expect(httpUrlProblem('ftp://matrix.example.org', false)).toBe('Give an http(s) URL.');
    expect(httpUrlProblem('https://admin:pw@matrix.example.org', true)).toBe('Give the URL without a user name or password.');
  });
});
