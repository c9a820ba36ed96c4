import { type FormEvent, useId, useState } from 'react';
import type { PasswordCheck } from '../../../../src-shared/domain/password-check';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { testPassword } from '../../store/checks';
import { useStore } from '../../store/create-store';
import { sandbox } from '../../store/sandbox';
import { passwordVerdict } from '../../../../src-shared/domain/password-verdict';
import { sampleLogins, userIdProblem } from './password-verdict';

/**
 * SPEC §10 check-password: whether MAS will accept a password the admin knows
 * for one user. The password field is cleared as soon as the call is sent,
 * whatever the outcome; the password is never kept here or sent back.
 */
export function PasswordTest({ profile }: { profile: ProfileView }) {
  const sandboxInfo = useStore(sandbox, (s) => s.info);
  const samples = sampleLogins(sandboxInfo, profile.id);
  const listId = useId();
  const [typedUser, setUser] = useState<string>();
  const userId = typedUser ?? samples[0]?.userId ?? '';
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PasswordCheck>();
  const [error, setError] = useState<unknown>();
  const userProblem = userIdProblem(userId);

  async function test(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const reply = testPassword(profile, userId.trim(), password);
    setPassword('');
    try {
      setResult(await reply);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const verdict = result ? passwordVerdict(result) : undefined;
  return (
    <Panel title="Test a password">
      <form className="stack" onSubmit={test} aria-label="Test a password">
        <p className="muted">
          Will MAS accept a password you know (your own, or a test account's)? It is checked against the user's Synapse hash exactly as MAS
          password scheme 1 will check it. The password is used for this check only: never stored, logged or shown again.
        </p>
        {samples.length ? (
          <div className="small">
            Sample logins of this sandbox (documented sample data, not secret):
            <ul className="list-plain">
              {samples.map((s) => (
                <li key={s.userId}>
                  <code>{s.userId}</code> with <code>{s.password}</code>: {s.about}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="fields">
          <TextField label="User ID" value={userId} onChange={setUser} error={userProblem} list={listId} spellCheck={false} />
          <TextField label="Password" type="password" autoComplete="off" value={password} onChange={setPassword} />
        </div>
        <datalist id={listId}>
          {samples.map((s) => (
            <option key={s.userId} value={s.userId} />
          ))}
        </datalist>
        <div className="actions">
          <Button type="submit" busy={busy} disabled={!userId.trim() || userProblem !== undefined || !password}>
            Test the password
          </Button>
        </div>
        <ErrorNotice error={error} />
        {verdict ? (
          <div data-testid="password-check">
            <Notice tone={verdict.accepted ? 'ok' : 'error'} title={verdict.title}>
              {verdict.notes.map((note) => (
                <p key={note}>{note}</p>
              ))}
              <p className="small">Settings used: {verdict.settings}.</p>
            </Notice>
          </div>
        ) : null}
      </form>
    </Panel>
  );
}
