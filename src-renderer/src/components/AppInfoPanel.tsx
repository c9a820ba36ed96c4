import { useState } from 'react';
import { describeError } from '../ipc/describe-error';
import { runSelfTest, useAppInfo } from '../store/app-actions';

/** Shows which build and host the renderer talks to, and proves the event path with the self-test. */
export function AppInfoPanel() {
  const { data: info, error } = useAppInfo();
  const [selfTest, setSelfTest] = useState<string>('');

  async function selfTestClicked() {
    setSelfTest('Starting…');
    try {
      const result = await runSelfTest(setSelfTest);
      setSelfTest(`Self-test passed (${result.steps} steps)`);
    } catch (e) {
      setSelfTest(`Self-test failed: ${describeError(e).message}`);
    }
  }

  return (
    <section className="app-info" aria-label="About this app">
      {error ? <p role="alert">{describeError(error).message}</p> : null}
      {info ? (
        <p data-testid="app-info">
          {info.name} {info.version} · {info.platform}/{info.arch} · {info.host}
        </p>
      ) : null}
      <button type="button" className="link-button" onClick={selfTestClicked}>
        Run self-test
      </button>
      <p data-testid="self-test" aria-live="polite">
        {selfTest}
      </p>
    </section>
  );
}
