import { useEffect, useRef, useState } from 'react';
import type { LoginVerdict } from '../../../../src-shared/domain/login-verdict';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { testLoginClientId, testLoginRegistration } from '../../../../src-shared/domain/test-login-client';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { TextField } from '../../components/TextField';
import type { DraftProvider } from '../../store/draft-providers';
import { isGeneratedDex, testProviderLogin } from '../../store/provider-actions';

/** "Test a login" for one MAS provider: the sign-in URL while it waits, then the verdict in one line (SPEC §12). */
export function TestLogin({ profile, provider }: { profile: ProfileView; provider: DraftProvider }) {
  const [state, setState] = useState<{ waiting?: { url?: string }; verdict?: LoginVerdict; error?: unknown }>({});
  const [clientId, setClientId] = useState(testLoginClientId);
  const abort = useRef<AbortController>(undefined);
  const register = provider.issuer !== undefined && !isGeneratedDex(provider);
  useEffect(() => () => abort.current?.abort(), []);
  const name = provider.humanName ?? provider.id;
  const scope = typeof provider.raw.scope === 'string' ? provider.raw.scope : 'openid';

  async function start() {
    const controller = new AbortController();
    abort.current = controller;
    setState({ waiting: {} });
    try {
      const verdict = await testProviderLogin(
        profile,
        provider.id,
        clientId.trim() || testLoginClientId,
        (url, opened) => {
          if (!opened) window.open(url, '_blank', 'noopener');
          setState({ waiting: { url } });
        },
        controller.signal,
      );
      setState({ verdict });
    } catch (error) {
      setState(controller.signal.aborted ? {} : { error });
    }
  }

  return (
    <div className="stack tight" data-test-login={provider.id}>
      <div className="actions">
        <Button size="small" onClick={() => void start()} busy={state.waiting !== undefined}>
          Test a login<span className="visually-hidden"> through {name}</span>
        </Button>
        {state.waiting ? (
          <>
            {state.waiting.url ? (
              <a href={state.waiting.url} target="_blank" rel="noopener noreferrer" className="small">
                Open the sign-in page
              </a>
            ) : null}
            <Button size="small" variant="ghost" onClick={() => abort.current?.abort()}>
              Cancel<span className="visually-hidden"> the test login</span>
            </Button>
          </>
        ) : null}
      </div>
      {state.verdict ? <Notice tone={state.verdict.kind === 'linked' ? 'ok' : 'warning'} title={state.verdict.line} /> : null}
      <ErrorNotice error={state.error} />
      {register ? (
        <>
          <p className="small muted">{testLoginRegistration(provider.issuer!, scope)} The test uses the saved MAS config.</p>
          <TextField label={`Test client ID registered at ${name}`} value={clientId} onChange={setClientId} maxLength={255} />
        </>
      ) : null}
    </div>
  );
}
