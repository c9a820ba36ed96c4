import { useStore } from '../store/create-store';
import { session } from '../store/session';

/** Which profile the steps below work on. */
export function CurrentProfileCard() {
  const profile = useStore(session, (s) => s.profile);
  if (!profile) return null;
  return (
    <div className="current-profile" data-testid="current-profile">
      <span className="muted">Profile</span>
      <strong title={profile.name}>{profile.name}</strong>
    </div>
  );
}
