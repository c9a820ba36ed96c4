import { useEffect } from 'react';
import { useStore } from '../store/create-store';
import { refreshSandbox, sandbox } from '../store/sandbox';
import { session } from '../store/session';

/** Every screen of the sandbox profile says so, so sample data is never mistaken for a real server. */
export function SandboxBanner() {
  const info = useStore(sandbox, (s) => s.info);
  const profileId = useStore(session, (s) => s.profile?.id);
  useEffect(() => {
    void refreshSandbox().catch(() => undefined);
  }, []);
  if (!info || info.profileId !== profileId) return null;
  return (
    <div className="sandbox-banner" role="note" data-testid="sandbox-banner">
      Sandbox: sample data on this computer ({info.serverName}, {info.users.toLocaleString()} users). Nothing here touches a real server.
    </div>
  );
}
