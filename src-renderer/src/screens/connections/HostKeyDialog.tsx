import type { PresentedHostKey } from '../../../../src-shared/contract/connections';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export interface HostKeyDialogProps {
  hostKey: PresentedHostKey | undefined;
  onTrust: (key: PresentedHostKey) => Promise<unknown>;
  onClose: () => void;
}

/** First contact with an SSH server: the admin compares the fingerprint and confirms it once. */
export function HostKeyDialog({ hostKey, onTrust, onClose }: HostKeyDialogProps) {
  return (
    <ConfirmDialog
      open={hostKey !== undefined}
      title="Confirm the SSH server's identity"
      confirmLabel="Trust this host key"
      onConfirm={() => hostKey && onTrust(hostKey)}
      onClose={onClose}
    >
      {hostKey ? (
        <>
          <p>
            <strong>{hostKey.host}</strong> is not in your known_hosts and has not been confirmed in this profile.
          </p>
          <dl className="kv">
            <dt>Key type</dt>
            <dd>
              <code>{hostKey.keyType}</code>
            </dd>
            <dt>Fingerprint</dt>
            <dd>
              <code data-testid="host-key-fingerprint">{hostKey.fingerprint}</code>
            </dd>
          </dl>
          <p className="small muted">
            Compare it with the server's own:{' '}
            <code>ssh-keygen -lf /etc/ssh/ssh_host_{hostKey.keyType.replace(/^ssh-|-.*$/g, '')}_key.pub</code> on the server. Once confirmed
            it is remembered in this profile; a different key later is refused.
          </p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
