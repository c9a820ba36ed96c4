import { beforeEach, describe, expect, it } from 'vitest';
import type { MigrationReport } from '../../../src-shared/domain/report';
import type { TableVerification, VerificationResult } from '../../../src-shared/domain/verification';
import { verificationVerdict } from '../../../src-renderer/src/screens/report/verification-text';
import { differenceLabel, examplesText, migrationStartNote } from '../../../src-shared/domain/verification-text';
import { migrationRun } from '../../../src-renderer/src/store/migration-run';
import { type MigrationRun, noRun } from '../../../src-renderer/src/store/migration-run-state';
import { openProfile, profileChanged, session } from '../../../src-renderer/src/store/session';
import { cancelVerify, verification, verifyMas } from '../../../src-renderer/src/store/verification';
import {
  noVerification,
  shownVerification,
  verificationError,
  verifyBlocker,
  verifyFinished,
  verifyStarted,
  verifying,
} from '../../../src-renderer/src/store/verification-state';
import { deferred, idA, idB, movedSynapseConfig, profileView } from './profile-views';

const tableNames = ['users', 'user_passwords', 'user_emails', 'upstream_oauth_links', 'compat_sessions', 'compat_access_tokens'];
const table = (name: string, differences: TableVerification['differences'] = []): TableVerification => ({
  table: name,
  expected: 10,
  found: 10,
  matching: 10 - differences.length,
  differences,
});
const result = (outcome: VerificationResult['outcome'], tables: TableVerification[], extra: Partial<VerificationResult> = {}) =>
  ({
    outcome,
    serverName: 'example.org',
    verifiedAt: '2026-03-01T10:05:00.000Z',
    durationMs: 1200,
    migrationStart: null,
    tables,
    ...extra,
  }) satisfies VerificationResult;
const eight = [...tableNames, 'compat_refresh_tokens', 'user_registration_tokens'].map((n) => table(n));
const matching = result('match', eight);
const missingUser = { kind: 'missing' as const, count: 1, examples: [{ userId: '@u20:example.org', deviceId: null }] };
const differs = result('differs', [
  table('users', [missingUser]),
  table('compat_sessions', [
    {
      kind: 'field',
      field: 'is_synapse_admin',
      count: 25,
      examples: Array.from({ length: 20 }, (_, i) => ({ userId: `@u${i}:example.org`, deviceId: `DEV${i}` })),
    },
  ]),
  table('user_emails'),
]);

describe('the verification in words', () => {
  it('has one verdict line: matches in all its tables, differs naming the tables, or could not compare with the reason', () => {
    expect(verificationVerdict(matching)).toEqual({ tone: 'ok', title: 'MAS matches Synapse in all 8 tables' });
    expect(verificationVerdict(result('match', [...eight, table('user_unsupported_third_party_ids')]))).toEqual({
      tone: 'ok',
      title: 'MAS matches Synapse in all 9 tables',
    });
    expect(verificationVerdict(differs)).toEqual({ tone: 'error', title: 'MAS differs in users, compat_sessions' });
    const paused = result('cannot-compare', [], {
      problem: { code: 'mas-resumable', message: 'MAS still holds an interrupted run.', hint: 'Finish the migration first.' },
    });
    expect(verificationVerdict(paused)).toEqual({ tone: 'warning', title: 'Could not compare: MAS still holds an interrupted run.' });
  });

  it('names each kind of difference with its count, and its examples by user ID and device ID, saying when there are more', () => {
    expect(differenceLabel(missingUser)).toBe('1 row missing in MAS');
    expect(differenceLabel({ kind: 'unexpected', count: 3, examples: [] })).toBe('3 rows in MAS but not accounted for by Synapse');
    const field = differs.tables[1]!.differences[0]!;
    expect(differenceLabel(field)).toBe('25 rows differ in is_synapse_admin');
    expect(differenceLabel({ ...field, count: 1 })).toBe('1 row differs in is_synapse_admin');
    expect(examplesText(missingUser)).toBe('@u20:example.org');
    expect(examplesText(field)).toMatch(/^@u0:example\.org DEV0, @u1:example\.org DEV1, .*@u19:example\.org DEV19, …$/);
    expect(examplesText({ kind: 'missing', count: 4, examples: [{ userId: null, deviceId: 'DEVX' }] })).toBe('(no user) DEVX, …');
    expect(examplesText({ kind: 'missing', count: 4, examples: [] })).toBe('');
  });

  it('says what instant rows without a Synapse time were held to', () => {
    expect(migrationStartNote(matching)).toBeUndefined();
    expect(migrationStartNote({ ...matching, migrationStart: { at: '2026-03-01T10:00:00.000Z', source: 'inferred' } })).toBe(
      'Rows whose time Synapse does not know were held to the migration start, 2026-03-01T10:00:00.000Z (inferred from the first such row in MAS).',
    );
  });
});

const profile = profileView(idA);
const report = (dryRun: boolean, verification?: VerificationResult): MigrationReport => ({
  dryRun,
  serverName: 'example.org',
  masSchemaVersion: null,
  resumed: false,
  startedAt: '2026-03-01T10:00:00.000Z',
  durationMs: 1000,
  entities: [],
  rowsWritten: {},
  indexesRebuilt: 0,
  constraintsRebuilt: 0,
  providersInserted: [],
  invalidIps: 0,
  usersWithoutCreationTime: 0,
  findings: [],
  ...(verification ? { verification } : {}),
});
const finishedRun = (runId: number, r: MigrationReport, profileId = idA): MigrationRun => ({
  ...noRun,
  runId,
  status: 'done',
  profileId,
  dryRun: r.dryRun,
  report: r,
});

describe('which verification the Report screen shows', () => {
  it("shows the run's own verification (--verify), saying whether a dry run or the migration made it", () => {
    expect(shownVerification(noVerification, finishedRun(1, report(true, matching)), profile)).toEqual({
      result: matching,
      origin: 'dry-run',
    });
    expect(shownVerification(noVerification, finishedRun(1, report(false, differs)), profile)).toEqual({ result: differs, origin: 'run' });
    expect(shownVerification(noVerification, finishedRun(1, report(false)), profile)).toBeUndefined();
    expect(shownVerification(noVerification, finishedRun(1, report(false, matching), idB), profile)).toBeUndefined();
  });

  it('prefers "Verify MAS" after the run, until the next run starts or the profile reads other databases', () => {
    const run = finishedRun(2, report(false, differs));
    const verified = verifyFinished(verifyStarted(noVerification, profile, 7, 2), 7, matching);
    expect(shownVerification(verified, run, profile)).toEqual({ result: matching, origin: 'verify' });
    expect(shownVerification(verified, { ...run, runId: 3, report: undefined }, profile)).toBeUndefined();
    expect(shownVerification(verified, run, profileView(idA, movedSynapseConfig))).toEqual({ result: differs, origin: 'run' });
    expect(shownVerification(verified, noRun, profile)).toBeUndefined();
  });

  it('keeps the last result while the same verification runs again, and ignores a reply to an earlier request', () => {
    const verified = verifyFinished(verifyStarted(noVerification, profile, 1, 0), 1, differs);
    const again = verifyStarted(verified, profile, 2, 0);
    expect(verifying(again, noRun, profile)).toBe(true);
    expect(shownVerification(again, noRun, profile)?.result).toBe(differs);
    expect(verifyFinished(again, 1, matching)).toBe(again);
    expect(verifyFinished(again, 2, matching).result).toBe(matching);
    expect(verifyStarted(verified, profile, 3, 1).result).toBeUndefined();
  });

  it('offers "Verify MAS" except while a migration runs and after a dry run, which leaves MAS empty', () => {
    expect(verifyBlocker(noRun, profile)).toBeUndefined();
    expect(verifyBlocker(finishedRun(1, report(false)), profile)).toBeUndefined();
    expect(verifyBlocker({ ...noRun, status: 'running', profileId: idB }, profile)).toMatch(/^A migration is running/);
    expect(verifyBlocker(finishedRun(1, report(true)), profile)).toBe(
      'The dry run left MAS empty again: verify MAS after the real migration.',
    );
    expect(verifyBlocker(finishedRun(1, report(true), idB), profile)).toBeUndefined();
  });
});

describe('the verification store', () => {
  beforeEach(() => {
    session.set({ profile: undefined, screen: 'profiles' });
    migrationRun.set(noRun);
    openProfile(profile, 'report');
  });

  it('asks main for the open profile, keeps the result, and passes a cancel on as an abort', async () => {
    const reply = deferred<VerificationResult>();
    const asked: unknown[] = [];
    let signal: AbortSignal | undefined;
    const done = verifyMas(profile, (input, options) => {
      asked.push(input);
      signal = options.signal;
      return reply.promise;
    });
    expect(verifying(verification.get(), noRun, profile)).toBe(true);
    cancelVerify();
    expect(signal?.aborted).toBe(true);
    reply.resolve(matching);
    await done;
    expect(asked).toEqual([{ profileId: idA }]);
    expect(shownVerification(verification.get(), noRun, profile)).toEqual({ result: matching, origin: 'verify' });
  });

  it('shows a failure while it applies', async () => {
    await verifyMas(profile, () => Promise.reject(new Error('Synapse database unreachable')));
    expect(verificationError(verification.get(), noRun, profile)).toEqual(new Error('Synapse database unreachable'));
    expect(verificationError(verification.get(), { ...noRun, runId: 1 }, profile)).toBeUndefined();
  });

  it('forgets the result when another profile opens or this one reads other databases, and drops the late reply', async () => {
    await verifyMas(profile, () => Promise.resolve(matching));
    const late = deferred<VerificationResult>();
    const done = verifyMas(profile, () => late.promise);
    profileChanged(profileView(idA, movedSynapseConfig));
    expect(verification.get()).toEqual(noVerification);
    late.resolve(differs);
    await done;
    expect(verification.get()).toEqual(noVerification);
    openProfile(profile, 'report');
    await verifyMas(profile, () => Promise.resolve(matching));
    expect(verification.get().result).toBe(matching);
    openProfile(profileView(idB));
    expect(verification.get()).toEqual(noVerification);
  });
});
