import { useState } from 'react';
import type { ConnectionStep, PresentedHostKey } from '../../../../src-shared/contract/connections';
import type { Side } from '../../../../src-shared/domain/profile';
import type { StepItem } from '../../components/StepList';
import { testConnection } from '../../store/connection-actions';

const stepLabels: Record<ConnectionStep['step'], string> = {
  ssh: 'SSH connection',
  'host-key': 'SSH host key',
  'config-files': 'Config files',
  database: 'Database',
  privileges: 'Database privileges',
};

const stateOf: Record<ConnectionStep['status'], StepItem['state']> = { ok: 'ok', warning: 'warning', failed: 'failed' };

/** Runs a side's connection test, showing each hop as it succeeds or fails; an unknown host key waits for confirmation. */
export function useConnectionTest(side: Side) {
  const [steps, setSteps] = useState<StepItem[]>([]);
  const [testing, setTesting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [hostKey, setHostKey] = useState<PresentedHostKey>();

  async function run(profileId: string) {
    setTesting(true);
    setError(undefined);
    setSteps([]);
    try {
      await testConnection(profileId, side, (step) => {
        setSteps((previous) => [
          ...previous,
          {
            id: `${step.step}-${previous.length}`,
            kind: step.step,
            label: stepLabels[step.step],
            state: stateOf[step.status],
            detail: step.message,
            fix: step.fix,
          },
        ]);
        if (step.hostKey) setHostKey(step.hostKey);
      });
    } catch (e) {
      setError(e);
    } finally {
      setTesting(false);
    }
  }

  return { steps, testing, error, hostKey, clearHostKey: () => setHostKey(undefined), run };
}
