import type { SynapseProviderView } from '../../../../src-shared/domain/config';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCount } from '../../format';
import type { DraftProvider } from '../../store/draft-providers';
import { TestLogin } from './TestLogin';

export interface ProviderRowProps {
  profile: ProfileView;
  synapse: SynapseProviderView;
  mas: DraftProvider | undefined;
  users: number | undefined;
  canPair: boolean;
  onCreate: () => void;
  onPair: () => void;
}

/** One Synapse provider and its MAS counterpart, or the ways to give it one. */
export function ProviderRow({ profile, synapse, mas, users, canPair, onCreate, onPair }: ProviderRowProps) {
  const name = synapse.name ?? synapse.internalId;
  return (
    <tr data-provider={synapse.internalId}>
      <td>
        <strong>{name}</strong>
        <div className="small muted">
          <code>{synapse.internalId}</code> · {synapse.issuer ?? 'no issuer'}
        </div>
      </td>
      <td className="num">{users === undefined ? <span className="muted">—</span> : formatCount(users)}</td>
      <td>
        {mas ? (
          <div className="stack tight">
            <StatusBadge tone="ok">Paired</StatusBadge>
            <span className="small">
              {mas.humanName ?? mas.id} <span className="muted">({mas.id})</span>
            </span>
            <TestLogin profile={profile} provider={mas} />
          </div>
        ) : (
          <div className="stack tight">
            <StatusBadge tone="error">No MAS provider</StatusBadge>
            <div className="actions">
              <Button size="small" variant="primary" onClick={onCreate}>
                {/* The visible words are part of the name, so speech input finds the button by what it shows. */}
                Create <span className="visually-hidden">the </span>MAS provider<span className="visually-hidden"> for {name}</span>
                <span aria-hidden="true">…</span>
              </Button>
              {canPair ? (
                <Button size="small" onClick={onPair}>
                  Pair <span className="visually-hidden">{name} </span>with an existing
                  <span className="visually-hidden"> MAS provider</span>
                  <span aria-hidden="true">…</span>
                </Button>
              ) : null}
            </div>
          </div>
        )}
      </td>
    </tr>
  );
}
