import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { Table } from '../../components/Table';
import { LastActivity } from './LastActivity';
import { sideSummary } from './sideSummary';

export type ProfileAction = 'open' | 'rename' | 'duplicate' | 'export' | 'delete';

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
              <Button size="small" variant="primary" onClick={() => onAction('open', p)} aria-label={`Open ${p.name}`}>
                Open
              </Button>
              <Button size="small" variant="ghost" onClick={() => onAction('rename', p)} aria-label={`Rename ${p.name}`}>
                Rename
              </Button>
              <Button size="small" variant="ghost" onClick={() => onAction('duplicate', p)} aria-label={`Duplicate ${p.name}`}>
                Duplicate
              </Button>
              <Button size="small" variant="ghost" onClick={() => onAction('export', p)} aria-label={`Export ${p.name}`}>
                Export
              </Button>
              <Button size="small" variant="ghost" className="danger" onClick={() => onAction('delete', p)} aria-label={`Delete ${p.name}`}>
                Delete
              </Button>
            </div>
          </td>
        </tr>
      ))}
    </Table>
  );
}
