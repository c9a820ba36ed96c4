import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { screenMeta } from '../../screens';
import { acknowledge, checks, runChecks } from '../../store/checks';
import { realRunBlockers } from '../../store/checks-state';
import { useStore } from '../../store/create-store';
import { goTo } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { ChecksSummary } from './ChecksSummary';
import { FindingGroups } from './FindingGroups';
import { PasswordTest } from './PasswordTest';

export function ChecksScreen() {
  const profile = useOpenProfile();
  const profileId = profile.id;
  const state = useStore(checks, (s) => s);
  const meta = screenMeta('checks');
  const mine = state.profileId === profileId;
  const blockers = realRunBlockers(state, profile);
  return (
    <div className="screen">
      <ScreenHeader
        title={meta.title}
        summary="Configuration and data problems, found before anything is written. Synapse may keep running."
        actions={
          <>
            {mine && state.findings && !blockers.length ? <Button onClick={() => goTo('migration')}>Go to migration</Button> : null}
            <Button variant="primary" busy={state.running} onClick={() => void runChecks(profile)}>
              {mine && state.findings ? 'Run checks again' : 'Run checks'}
            </Button>
          </>
        }
      />
      {mine ? <ErrorNotice error={state.error} /> : null}
      {mine && state.findings && state.ranAt ? (
        <>
          <ChecksSummary findings={state.findings} ranAt={state.ranAt} blockers={blockers} />
          <FindingGroups findings={state.findings} acknowledged={state.acknowledged} onAcknowledge={acknowledge} />
        </>
      ) : (
        <EmptyState title={state.running ? 'Checking…' : 'Not checked yet'}>
          <p>The checker reads both configs and databases and lists every error and warning with how to fix it.</p>
        </EmptyState>
      )}
      <PasswordTest profile={profile} />
    </div>
  );
}
