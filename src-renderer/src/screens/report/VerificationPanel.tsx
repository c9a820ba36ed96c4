import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { formatDuration, formatWhen } from '../../format';
import { useStore } from '../../store/create-store';
import { migrationRun } from '../../store/migration-run';
import { cancelVerify, verification, verifyMas } from '../../store/verification';
import { shownVerification, verificationError, verifyBlocker, verifying } from '../../store/verification-state';
import { VerificationTable } from './VerificationTable';
import { migrationStartNote } from '../../../../src-shared/domain/verification-text';
import { originLabel, verificationVerdict } from './verification-text';

/** SPEC §10 verify on the Report screen: the run's own verification, or "Verify MAS" after it. */
export function VerificationPanel({ profile }: { profile: ProfileView }) {
  const state = useStore(verification, (s) => s);
  const run = useStore(migrationRun, (s) => s);
  const shown = shownVerification(state, run, profile);
  const running = verifying(state, run, profile);
  const blocker = verifyBlocker(run, profile);
  const verdict = shown ? verificationVerdict(shown.result) : undefined;
  const startNote = shown ? migrationStartNote(shown.result) : undefined;
  return (
    <Panel
      title="Verification"
      actions={
        <>
          {running ? <Button onClick={cancelVerify}>Cancel</Button> : null}
          <Button variant="primary" busy={running} disabled={blocker !== undefined} onClick={() => void verifyMas(profile)}>
            Verify MAS
          </Button>
        </>
      }
    >
      <p className="muted">
        Compares MAS row by row with what Synapse says it must hold, in every table the migration writes; nothing is written. Run it right
        after the migration, before Synapse and MAS start: their activity changes the data.
      </p>
      <ErrorNotice error={verificationError(state, run, profile)} />
      {shown && verdict ? (
        <div className="stack" data-testid="verification">
          <Notice tone={verdict.tone} title={verdict.title}>
            {originLabel(shown.origin, formatWhen(shown.result.verifiedAt))} It took {formatDuration(shown.result.durationMs)}.
            {shown.result.problem?.hint ? ` ${shown.result.problem.hint}` : ''}
          </Notice>
          {shown.result.tables.length ? <VerificationTable tables={shown.result.tables} /> : null}
          {startNote ? <p className="small muted">{startNote}</p> : null}
        </div>
      ) : !running ? (
        <p className="small">
          {run.profileId === profile.id && run.report?.dryRun
            ? 'This dry run did not verify its rows: run it again with "Verify the rehearsal" to prove them.'
            : 'Not verified yet.'}
        </p>
      ) : null}
      {blocker ? <p className="small muted">{blocker}</p> : null}
    </Panel>
  );
}
