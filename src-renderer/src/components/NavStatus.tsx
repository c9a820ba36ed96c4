import type { ScreenId } from '../screens';
import { checks } from '../store/checks';
import { findingKey } from '../store/checks-state';
import { useStore } from '../store/create-store';
import { migrationRun } from '../store/migration-run';
import { isActive } from '../store/migration-run-state';
import { session } from '../store/session';
import { StatusBadge } from './StatusBadge';

/** A step's state in the navigation: open problems of the checks, progress of a run. */
export function NavStatus({ screen }: { screen: ScreenId }) {
  const profileId = useStore(session, (s) => s.profile?.id);
  const checkState = useStore(checks, (s) => s);
  const run = useStore(migrationRun, (s) => s);
  if (screen === 'checks' && checkState.profileId === profileId && checkState.findings) {
    const errors = checkState.findings.filter((f) => f.severity === 'error').length;
    const open = checkState.findings.filter((f) => f.severity === 'warning' && !checkState.acknowledged.has(findingKey(f))).length;
    if (errors) return <StatusBadge tone="error">{String(errors)}</StatusBadge>;
    if (open) return <StatusBadge tone="warning">{String(open)}</StatusBadge>;
    return <StatusBadge tone="ok">OK</StatusBadge>;
  }
  if (screen === 'migration' && run.profileId === profileId) {
    if (isActive(run)) {
      const stages = run.progress?.stages ?? [];
      const done = stages.filter((s) => s.status === 'done').length;
      return <StatusBadge tone="running">{stages.length ? `${Math.round((done / stages.length) * 100)} %` : '…'}</StatusBadge>;
    }
    if (run.status === 'done') return <StatusBadge tone="ok">{run.dryRun ? 'Dry' : 'Done'}</StatusBadge>;
    if (run.status === 'failed') return <StatusBadge tone="error">Failed</StatusBadge>;
    if (run.status === 'cancelled') return <StatusBadge tone="warning">Stopped</StatusBadge>;
  }
  return null;
}
