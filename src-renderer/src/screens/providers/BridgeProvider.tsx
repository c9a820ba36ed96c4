import type { ProfileView } from '../../../../src-shared/domain/profile';
import { StatusBadge } from '../../components/StatusBadge';
import type { DraftProvider } from '../../store/draft-providers';
import { TestLogin } from './TestLogin';

/** The MAS provider a bridge card made (in the MAS config being worked on), with its test login; or that there is none yet. */
export function BridgeProvider({ profile, provider }: { profile: ProfileView; provider: DraftProvider | undefined }) {
  if (!provider) return <StatusBadge tone="warning">No MAS provider yet</StatusBadge>;
  return (
    <div className="stack tight">
      <span className="row">
        <StatusBadge tone="ok">MAS provider</StatusBadge>
        <span className="small">
          {provider.humanName ?? provider.id} <span className="muted">({provider.id})</span>
        </span>
      </span>
      <TestLogin profile={profile} provider={provider} />
    </div>
  );
}
