import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../src-shared/contract/app';
import { client, IpcError } from '../ipc/client';

/** Shows which build and host the renderer talks to, and proves the event path with the self-test. */
export function AppInfoPanel() {
  const [info, setInfo] = useState<AppInfo>();
  const [error, setError] = useState<string>();
  const [selfTest, setSelfTest] = useState<string>('');

  useEffect(() => {
    client()
      .call('app.info', {})
      .then(setInfo)
      .catch((e: unknown) => setError(e instanceof IpcError ? e.message : String(e)));
  }, []);

  async function runSelfTest() {
    setSelfTest('Starting…');
    try {
      const result = await client().call('app.selfTest', { steps: 3 }, { onEvent: (e) => setSelfTest(`${e.label}`) });
      setSelfTest(`Self-test passed (${result.steps} steps)`);
    } catch (e) {
      setSelfTest(e instanceof IpcError ? `Self-test failed: ${e.message}` : String(e));
    }
  }

  return (
    <section className="app-info" aria-label="About this app">
      {error ? <p role="alert">{error}</p> : null}
      {info ? (
        <p data-testid="app-info">
          {info.name} {info.version} · {info.platform}/{info.arch} · {info.host}
        </p>
      ) : null}
      <button type="button" className="link-button" onClick={runSelfTest}>
        Run self-test
      </button>
      <p data-testid="self-test" aria-live="polite">
        {selfTest}
      </p>
    </section>
  );
}
