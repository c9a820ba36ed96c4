import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button, type ButtonProps } from '../../components/Button';
import { Table } from '../../components/Table';
import { LastActivity } from './LastActivity';
import { sideSummary } from './sideSummary';

export type ProfileAction = 'open' | 'rename' | 'duplicate' | 'export' | 'delete';

const actions: readonly { action: ProfileAction; label: string; variant: ButtonProps['variant']; className?: string }[] = [
  { action: 'open', label: 'Open', variant: 'primary' },
  { action: 'rename', label: 'Rename', variant: 'ghost' },
  { action: 'duplicate', label: 'Duplicate', variant: 'ghost' },
  { action: 'export', label: 'Export', variant: 'ghost' },
  { action: 'delete', label: 'Delete', variant: 'ghost', className: 'danger' },
];

export interface ProfileTableProps {
  profiles: readonly ProfileView[];
  sandboxProfileId: string | undefined;
  onAction: (action: ProfileAction, profile: ProfileView) => void;
}

/** Saved profiles with where they point and how their last check or run went. */
export function ProfileTable({ profiles, sandboxProfileId, onAction }: ProfileTableProps) {
  return (
    <Table columns={[{ label: 'Profile' }, { label: 'Last check or run' }, { label: 'Actions', hiddenLabel: true }]}>
      {profiles.map((p) => (
        <tr key={p.id} data-profile={p.name}>
          <td>
            <div className="row">
              <strong>{p.name}</strong>
              {p.id === sandboxProfileId ? <span className="badge warning">Sandbox</span> : null}
            </div>
            <div className="small muted">Synapse: {sideSummary(p.synapse)}</div>
            <div className="small muted">MAS: {sideSummary(p.mas)}</div>
          </td>
          <td>
            <LastActivity history={p.history} />
          </td>
          <td>
            <div className="actions end">
              {actions.map(({ action, label, variant, className }) => (
                <Button
                  key={action}
                  size="small"
                  variant={variant}
                  className={className}
                  onClick={() => onAction(action, p)}
                  aria-label={`${label} ${p.name}`}
                >
                  {label}
                </Button>
              ))}
            </div>
          </td>
        </tr>
      ))}
    </Table>
  );
}
