import { useState } from 'react';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { checks } from '../../store/checks';
import { realRunBlockers } from '../../store/checks-state';
import { useProfileConfigs } from '../../store/config-actions';
import { useStore } from '../../store/create-store';
import { cancelMigration, migrationRun, type RunChoices, startMigration } from '../../store/migration-run';
import { isCommitted } from '../../../../src-shared/domain/progress';
import { isActive } from '../../store/migration-run-state';
import { goTo } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { CancelRunDialog } from './CancelRunDialog';
import { LogPane } from './LogPane';
import { RealRunDialog } from './RealRunDialog';
import { RunOverview } from './RunOverview';
import { StageList } from './StageList';

export function MigrationScreen() {
  const profile = useOpenProfile();
  const profileId = profile.id;
  const configs = useProfileConfigs(profile);
  const run = useStore(migrationRun, (s) => s);
  const checkState = useStore(checks, (s) => s);
  const [confirmReal, setConfirmReal] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  // A rehearsal that proves its own rows is the point of a dry run: on unless the admin opts out.
  const [verifyRehearsal, setVerifyRehearsal] = useState(true);
  const blockers = realRunBlockers(checkState, profile);
  const busy = isActive(run);
  const mine = run.profileId === profileId;
  const start = (dryRun: boolean, choices: RunChoices = {}) => void startMigration(profile, dryRun, choices);
  const synapseSessions = checkState.findings?.find((f) => f.id === 'synapse-connections')?.examples ?? [];
  return (
    <div className="screen">
      <ScreenHeader
        title="Migration"
        summary="Rehearse with a dry run while Synapse keeps running; it takes as long as the real one and leaves MAS empty. Then migrate for real."
        actions={
          <>
            {/* Busy, not disabled, during its own run: the keyboard that started it keeps its place. */}
            <Button
              onClick={() => start(true, { verify: verifyRehearsal })}
              busy={busy && mine && run.dryRun}
              disabled={busy && !(mine && run.dryRun)}
            >
              {mine && run.status === 'cancelled' && run.dryRun ? 'Resume dry run' : 'Start dry run'}
            </Button>
            <Button variant="primary" onClick={() => setConfirmReal(true)} disabled={busy || blockers.length > 0 || !configs.data}>
              {mine && run.status === 'cancelled' && !run.dryRun ? 'Resume migration' : 'Migrate for real…'}
            </Button>
          </>
        }
      />
      <CheckboxField
        label="Verify the rehearsal"
        hint="Before the dry run empties MAS again, compare its rows with Synapse, table by table: the run takes longer, and the Report shows the result."
        checked={verifyRehearsal}
        onChange={setVerifyRehearsal}
        disabled={busy}
      />
      {busy && !mine ? (
        <Notice tone="info" title={`A run of the profile ${run.profileName} is in progress`}>
          One run at a time: open that profile to follow or cancel it.
        </Notice>
      ) : null}
      {blockers.length ? (
        <Notice tone="info" title="Before the real migration">
          <ul className="list-plain">
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {mine && run.status !== 'idle' ? (
        <>
          <RunOverview run={run} onCancel={() => setConfirmCancel(true)} />
          <ErrorNotice error={run.error} />
          {run.status === 'cancelled' ? (
            <Notice tone="warning" title="The run was cancelled">
              The MAS database is left resumable. Start the run again to resume; the half-written rows are cleared and written again.
            </Notice>
          ) : null}
          {run.status === 'done' ? (
            <Notice tone="ok" title={run.dryRun ? 'The dry run finished; MAS is empty again' : 'The migration finished'}>
              <Button variant="ghost" onClick={() => goTo('report')}>
                Open the report
              </Button>
            </Notice>
          ) : null}
          {run.progress ? <StageList progress={run.progress} /> : null}
          <Panel title="Log">
            <LogPane lines={run.log} />
          </Panel>
        </>
      ) : null}
      <RealRunDialog
        open={confirmReal}
        serverName={configs.data?.synapse.serverName ?? ''}
        onClose={() => setConfirmReal(false)}
        synapseSessions={synapseSessions}
        onConfirm={(choices) => start(false, choices)}
      />
      <CancelRunDialog
        open={confirmCancel}
        dryRun={run.dryRun}
        committed={isCommitted(run.progress)}
        onClose={() => setConfirmCancel(false)}
        onConfirm={cancelMigration}
      />
    </div>
  );
}
