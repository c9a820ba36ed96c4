import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { downloadText } from '../../download';
import { useStore } from '../../store/create-store';
import { migrationRun } from '../../store/migration-run';
import { goTo } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { verification } from '../../store/verification';
import { shownVerification } from '../../store/verification-state';
import { EntityTable } from './EntityTable';
import { GoLiveCheck } from './GoLiveCheck';
import { HomeserverSectionStep } from './HomeserverSectionStep';
import { NextSteps } from './NextSteps';
import { nginxSnippet } from './proxy-routes';
import { reportMarkdown } from './report-markdown';
import { ReportSummary } from './ReportSummary';
import { StageDurations } from './StageDurations';
import { VerificationPanel } from './VerificationPanel';

export function ReportScreen() {
  const profile = useOpenProfile();
  const run = useStore(migrationRun, (s) => s);
  const verifyState = useStore(verification, (s) => s);
  const verified = shownVerification(verifyState, run, profile);
  const report = run.profileId === profile.id ? run.report : undefined;
  if (!report) {
    return (
      <div className="screen">
        <ScreenHeader title="Report" summary="What was migrated and skipped, and the next steps." />
        <EmptyState title="No run yet">
          <p>Migrated in an earlier session? Verify MAS and check the go-live below.</p>
          <Button variant="primary" onClick={() => goTo('migration')}>
            Go to migration
          </Button>
        </EmptyState>
        <VerificationPanel profile={profile} />
        <Panel title="Go-live check">
          <GoLiveCheck profile={profile} />
        </Panel>
      </div>
    );
  }
  const stages = run.progress?.stages ?? [];
  const base = `mas-migration-${report.serverName}-${report.dryRun ? 'dry-run-' : ''}${report.startedAt.slice(0, 10)}`;
  const realSteps = [
    { id: 'section', title: 'Add the MAS section to the Synapse config', body: <HomeserverSectionStep profile={profile} /> },
    {
      id: 'proxy',
      title: 'Route /login, /logout and /refresh to MAS in the reverse proxy',
      body: <pre className="snippet">{nginxSnippet('http://127.0.0.1:8080')}</pre>,
    },
    { id: 'registration', title: 'Make sure registration is off in Synapse (enable_registration: false)' },
    { id: 'synapse', title: 'Start Synapse (1.136.0 or later)' },
    { id: 'mas', title: 'Start MAS' },
    { id: 'go-live', title: 'Check that the homeserver is live on MAS', body: <GoLiveCheck profile={profile} /> },
  ];
  const drySteps = [
    { id: 'backup', title: 'Back up the Synapse database and its config' },
    { id: 'stop', title: 'Stop Synapse (users are offline until it starts again)' },
    { id: 'real', title: 'Run the real migration', body: <Button onClick={() => goTo('migration')}>Go to migration</Button> },
  ];
  return (
    <div className="screen">
      <ScreenHeader
        title="Report"
        summary={report.dryRun ? 'The dry run: what the real migration will do.' : 'What was migrated and skipped, and what is left to do.'}
        actions={
          <>
            <Button onClick={() => downloadText(`${base}.md`, reportMarkdown(report, stages, verified), 'text/markdown')}>
              Export Markdown
            </Button>
            <Button onClick={() => downloadText(`${base}.json`, `${JSON.stringify({ ...report, stages }, null, 2)}\n`, 'application/json')}>
              Export JSON
            </Button>
          </>
        }
      />
      <ReportSummary report={report} />
      <VerificationPanel profile={profile} />
      <NextSteps key={report.startedAt} steps={report.dryRun ? drySteps : realSteps} />
      <EntityTable report={report} />
      <StageDurations stages={stages} />
    </div>
  );
}
