import { describe, expect, it } from 'vitest';
import type { ProgressStage } from '../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../src-shared/domain/report';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { reportMarkdown } from '../../../src-renderer/src/screens/report/report-markdown';
import { finding } from './profile-views';

const report: MigrationReport = {
  dryRun: false,
  serverName: 'example.org',
  masSchemaVersion: '20250312000000',
  resumed: false,
  startedAt: '2026-03-01T10:00:00.000Z',
  durationMs: 83_000,
  entities: [
    { stage: 'users', label: 'Users', migrated: 12_345, skipped: { 'user-deactivated': 3, 'appservice-user': 2 } },
    { stage: 'devices', label: 'Devices', migrated: 40, skipped: {} },
  ],
  rowsWritten: { users: 12_345, user_emails: 9_001 },
  indexesRebuilt: 19,
  constraintsRebuilt: 32,
  providersInserted: ['01H0000000000000000000GOOG'],
  invalidIps: 4,
  usersWithoutCreationTime: 0,
  findings: [],
};
const stage = (id: string, kind: ProgressStage['kind'], durationMs?: number): ProgressStage => ({
  id,
  kind,
  label: id,
  status: 'done',
  migrated: 0,
  skipped: 0,
  ...(durationMs === undefined ? {} : { durationMs }),
});
/** The body of a `##` section, up to the next blank line or the end. */
const section = (markdown: string, title: string) => markdown.split(`## ${title}\n\n`)[1]?.split('\n\n')[0]?.trimEnd();

describe('the report as Markdown', () => {
  it('names the server and the kind of run in its title and summary', () => {
    const real = reportMarkdown(report, []);
    expect(real.split('\n').slice(0, 7)).toEqual([
      '# Migration report: example.org',
      '',
      '- Started: 2026-03-01T10:00:00.000Z',
      '- Duration: 1 min 23 s',
      '- Kind: real migration',
      '- MAS schema version: 20250312000000',
      '',
    ]);
    const dry = reportMarkdown({ ...report, dryRun: true, resumed: true, masSchemaVersion: null }, []);
    expect(dry).toMatch(/^# Dry run report: example\.org\n/);
    expect(dry).toContain('\n- Kind: dry run (MAS emptied at the end), resumed an interrupted run\n');
    expect(dry).toContain('\n- MAS schema version: unknown\n');
  });

  it('has one table row per entity: migrated, skipped in all, and each reason in words', () => {
    expect(section(reportMarkdown(report, []), 'Entities')).toBe(
      [
        '| Entity | Migrated | Skipped | Reasons |',
        '|---|---:|---:|---|',
        '| Users | 12,345 | 5 | user is deactivated (no sessions): 3; belongs to an application-service user: 2 |',
        '| Devices | 40 | 0 | — |',
      ].join('\n'),
    );
  });

  it('lists the rows written per MAS table and the rebuild counts', () => {
    const markdown = reportMarkdown(report, []);
    expect(section(markdown, 'Rows written per MAS table')).toBe('- users: 12,345\n- user_emails: 9,001');
    expect(markdown).toContain('\nIndexes rebuilt: 19. Constraints rebuilt: 32. Upstream providers inserted: 1.\n');
    expect(markdown).toContain('\nInvalid device IPs: 4. Users without creation time: 0.\n');
  });

  it('gives the time of each stage that has one, and no such section without any', () => {
    const stages = [stage('Users', 'entity', 1500), stage('Devices', 'entity'), stage('Finishing', 'finish', 20)];
    expect(section(reportMarkdown(report, stages), 'Duration per stage')).toBe('- Users: 2 s\n- Finishing: 20 ms');
    expect(reportMarkdown(report, [stage('Devices', 'entity')])).not.toContain('## Duration per stage');
  });

  it('lists the findings before the run, and no such section without any', () => {
    const findings = [finding('provider-unknown-to-synapse', 'warning'), finding('orphan-devices', 'info')];
    expect(section(reportMarkdown({ ...report, findings }, []), 'Findings before the run')).toBe(
      '- **warning** `provider-unknown-to-synapse`: provider-unknown-to-synapse found\n- **info** `orphan-devices`: orphan-devices found',
    );
    expect(reportMarkdown(report, [])).not.toContain('## Findings');
  });

  it('keeps text from the data on its line and in its cell', () => {
    const hostile = {
      ...report,
      entities: [{ stage: 'users', label: 'Users', migrated: 1, skipped: { 'a|b\nc': 1 } }],
      findings: [{ ...finding('provider-unknown-to-synapse', 'warning'), message: 'provider "x\n\n## Injected"' }],
    };
    const markdown = reportMarkdown(hostile, []);
    expect(markdown).toContain('\n| Users | 1 | 1 | a\\|b c: 1 |\n');
    expect(markdown).toContain('\n- **warning** `provider-unknown-to-synapse`: provider "x ## Injected"\n');
    expect(markdown).not.toContain('\n## Injected');
  });

  it('adds the verification shown with the report: verdict, origin, one row per table with each difference and its examples', () => {
    const verification: VerificationResult = {
      outcome: 'differs',
      serverName: 'example.org',
      verifiedAt: '2026-03-01T10:05:00.000Z',
      durationMs: 900,
      migrationStart: { at: '2026-03-01T10:00:00.000Z', source: 'run' },
      tables: [
        { table: 'users', expected: 3, found: 3, matching: 3, differences: [] },
        {
          table: 'compat_sessions',
          expected: 4,
          found: 3,
          matching: 2,
          differences: [
            { kind: 'missing', count: 1, examples: [{ userId: '@a|b:example.org', deviceId: 'DEV\n1' }] },
            { kind: 'field', field: 'is_synapse_admin', count: 3, examples: [{ userId: '@c:example.org', deviceId: 'D2' }] },
          ],
        },
      ],
    };
    const markdown = reportMarkdown(report, [], { result: verification, origin: 'run' });
    const body = markdown.split('## Verification\n\n')[1]!.split('\n## ')[0]!.trimEnd();
    expect(body.split('\n')).toEqual([
      '**MAS differs in compat_sessions**',
      '',
      'The migration verified its rows before it committed (2026-03-01T10:05:00.000Z).',
      '',
      '| MAS table | Expected | Found | Matching | Differences |',
      '|---|---:|---:|---:|---|',
      '| users | 3 | 3 | 3 | — |',
      '| compat_sessions | 4 | 3 | 2 | 1 row missing in MAS: @a\\|b:example.org DEV 1; 3 rows differ in is_synapse_admin: @c:example.org D2, … |',
      '',
      "Rows whose time Synapse does not know were held to the migration start, 2026-03-01T10:00:00.000Z (the run's own start).",
    ]);
    const paused = {
      ...verification,
      outcome: 'cannot-compare' as const,
      tables: [],
      problem: { code: 'x', message: 'MAS is paused.', hint: 'Resume it.' },
    };
    expect(reportMarkdown(report, [], { result: paused, origin: 'verify' })).toContain(
      '## Verification\n\n**Could not compare: MAS is paused.**\n\nVerify MAS compared MAS with Synapse after the run (2026-03-01T10:05:00.000Z).\n\nResume it.\n',
    );
    expect(reportMarkdown(report, [])).not.toContain('## Verification');
  });

  it('ends with exactly one newline', () => {
    expect(reportMarkdown(report, [])).toMatch(/[^\n]\n$/);
  });
});
