import { useState } from 'react';
import type { SandboxInfo } from '../../../../src-shared/contract/sandbox';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { type StepItem, StepList } from '../../components/StepList';
import { startSandbox, stopSandbox } from '../../store/sandbox';

export interface SandboxPanelProps {
  sandbox: SandboxInfo | null | undefined;
  /** Called with the sandbox once it runs, and with null once stopped. */
  onChange: (sandbox: SandboxInfo | null) => void;
}

/** "Try with sample data": a throwaway homeserver on this computer to walk the whole journey safely. */
export function SandboxPanel({ sandbox, onChange }: SandboxPanelProps) {
  const [steps, setSteps] = useState<StepItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function start() {
    setBusy(true);
    setError(undefined);
    setSteps([]);
    try {
      const info = await startSandbox((label) =>
        setSteps((previous) => [
          ...previous.map((s) => ({ ...s, state: 'ok' as const })),
          { id: String(previous.length), label, state: 'running' },
        ]),
      );
      setSteps((previous) => previous.map((s) => ({ ...s, state: 'ok' as const })));
      onChange(info);
    } catch (e) {
      setSteps((previous) => previous.map((s) => (s.state === 'running' ? { ...s, state: 'failed' as const } : s)));
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function stop() {
    setBusy(true);
    try {
      await stopSandbox();
      setSteps([]);
      onChange(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel
      title="Try with sample data"
      actions={
        sandbox ? (
          <Button variant="danger" onClick={stop} busy={busy}>
            Stop the sandbox
          </Button>
        ) : (
          <Button onClick={start} busy={busy}>
            Start a sandbox
          </Button>
        )
      }
    >
      {sandbox ? (
        <p>
          A sandbox homeserver <strong>{sandbox.serverName}</strong> with {sandbox.users.toLocaleString()} sample users runs on this
          computer. Its configs are in <code>{sandbox.folder}</code>. Stopping it deletes its databases and files.
        </p>
      ) : (
        <p className="muted">
          Starts a throwaway PostgreSQL on this computer with a generated Synapse homeserver and a blank MAS database, and a profile
          pointing at them — nothing leaves this machine.
        </p>
      )}
      {sandbox?.notices?.map((notice) => (
        <Notice key={notice} tone="warning" title={notice} />
      ))}
      {steps.length ? <StepList label="Sandbox start-up" steps={steps} /> : null}
      <ErrorNotice error={error} />
    </Panel>
  );
}
