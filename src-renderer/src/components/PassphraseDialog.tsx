import { useEffect, useState } from 'react';
import { FormDialog } from './FormDialog';
import { TextField } from './TextField';

export interface PassphraseDialogProps {
  open: boolean;
  title: string;
  explanation: string;
  confirmLabel: string;
  /** Asks twice when a new passphrase is being chosen. */
  repeat: boolean;
  onSubmit: (passphrase: string) => Promise<unknown>;
  onClose: () => void;
}

/** A passphrase for an export file, an import, or the secrets vault. */
export function PassphraseDialog({ open, title, explanation, confirmLabel, repeat, onSubmit, onClose }: PassphraseDialogProps) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  useEffect(() => {
    if (!open) {
      setPassphrase('');
      setAgain('');
    }
  }, [open]);
  const mismatch = repeat && again !== '' && again !== passphrase;
  const ready = passphrase.length > 0 && (!repeat || again === passphrase);
  return (
    <FormDialog open={open} title={title} confirmLabel={confirmLabel} ready={ready} onSubmit={() => onSubmit(passphrase)} onClose={onClose}>
      <p>{explanation}</p>
      <TextField label="Passphrase" type="password" autoComplete="off" value={passphrase} onChange={setPassphrase} autoFocus />
      {repeat ? (
        <TextField
          label="Passphrase again"
          type="password"
          autoComplete="off"
          value={again}
          onChange={setAgain}
          error={mismatch ? 'The two passphrases differ.' : undefined}
        />
      ) : null}
    </FormDialog>
  );
}
