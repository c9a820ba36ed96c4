import { type FormEvent, useState } from 'react';
import type { GoLiveStep } from '../../../../src-shared/domain/go-live';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { StepList } from '../../components/StepList';
import { TextField } from '../../components/TextField';
import { useProfileConfigs } from '../../store/config-actions';
import { checkGoLive } from '../../store/go-live-actions';
import { goLiveItems, goLiveSummary, httpUrlProblem } from './go-live-text';

/**
 * SPEC §10 go-live check, after the cutover: the homeserver's client API,
 * MAS named as its authorization server, legacy login routed to MAS, MAS's
 * health, and an access token from before the migration still working. The
 * token is cleared as soon as it is sent, and never kept.
 */
export function GoLiveCheck({ profile }: { profile: ProfileView }) {
  const configs = useProfileConfigs(profile);
  const [typedHomeserver, setHomeserver] = useState<string>();
  const homeserver = typedHomeserver ?? configs.data?.synapse.publicBaseurl ?? '';
  const [mas, setMas] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [steps, setSteps] = useState<GoLiveStep[]>();
  const [error, setError] = useState<unknown>();
  const homeserverProblem = homeserver ? httpUrlProblem(homeserver, true) : undefined;
  const masProblem = httpUrlProblem(mas, false);
  const ready = homeserver.trim() !== '' && !homeserverProblem && !masProblem && token.trim() !== '';

  async function check(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const reply = checkGoLive(homeserver.trim(), mas.trim(), token);
    setToken('');
    try {
      setSteps(await reply);
    } catch (e) {
      setSteps(undefined);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const summary = steps ? goLiveSummary(steps) : undefined;
  return (
    <form className="stack" onSubmit={check} aria-label="Go-live check">
      <p className="small muted">
        Once Synapse and MAS run again, from this computer: checks what clients see, and that a session from before the migration still
        works.
      </p>
      <div className="fields">
        <TextField
          label="Homeserver URL"
          value={homeserver}
          onChange={setHomeserver}
          error={homeserverProblem}
          hint="The client API base URL, as in .well-known/matrix/client."
          spellCheck={false}
        />
        <TextField
          label="MAS URL (optional)"
          value={mas}
          onChange={setMas}
          error={masProblem}
          placeholder="http://localhost:8081"
          hint="A MAS listener serving the health resource (by default the internal one); without it that step is skipped."
          spellCheck={false}
        />
        <TextField
          label="Access token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={setToken}
          wide
          hint="One of your own sessions from before the migration (in Element: Settings, Help & About, Access token). It is sent only to the homeserver's whoami, and never stored or logged."
        />
      </div>
      <div className="actions">
        <Button type="submit" busy={busy} disabled={!ready}>
          Run the go-live check
        </Button>
      </div>
      <ErrorNotice error={error} />
      {steps && summary ? (
        <>
          <Notice tone={summary.tone} title={summary.title} />
          <StepList label="Go-live check steps" steps={goLiveItems(steps)} />
        </>
      ) : null}
    </form>
  );
}
