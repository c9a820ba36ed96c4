import { useEffect, useState } from 'react';
import { PassphraseDialog } from './PassphraseDialog';
import { useStore } from '../store/create-store';
import { refreshVault, unlockVault, vault } from '../store/vault';
import { Button } from './Button';

/** Without an OS keyring, stored passwords sit in a vault opened with a master passphrase: this asks for it. */
export function VaultBanner() {
  const status = useStore(vault, (s) => s.status);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void refreshVault();
  }, []);
  if (!status || status.unlocked) return null;
  return (
    <div className="vault-banner" role="status">
      <span>
        {status.initialised
          ? 'Stored passwords are locked. Unlock them with your master passphrase to connect.'
          : 'This computer has no keyring the app can use: choose a master passphrase to store passwords encrypted.'}
      </span>
      <Button size="small" variant="primary" onClick={() => setOpen(true)}>
        {status.initialised ? 'Unlock…' : 'Choose a passphrase…'}
      </Button>
      <PassphraseDialog
        open={open}
        title={status.initialised ? 'Unlock stored passwords' : 'Choose a master passphrase'}
        explanation={
          status.initialised
            ? 'Type the master passphrase chosen for this computer.'
            : 'It encrypts every password the profiles store (argon2id and AES-256-GCM). It cannot be recovered: keep it somewhere safe.'
        }
        confirmLabel={status.initialised ? 'Unlock' : 'Create the vault'}
        repeat={!status.initialised}
        onSubmit={unlockVault}
        onClose={() => setOpen(false)}
      />
    </div>
  );
}
