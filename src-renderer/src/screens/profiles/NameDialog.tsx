import { useEffect, useState } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { TextField } from '../../components/TextField';

export interface NameDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  initial: string;
  onSubmit: (name: string) => Promise<unknown>;
  onClose: () => void;
}

/** Asks for a profile name (new, duplicate, rename); main's refusal (e.g. a taken name) shows in place. */
export function NameDialog({ open, title, confirmLabel, initial, onSubmit, onClose }: NameDialogProps) {
  const [name, setName] = useState(initial);
  useEffect(() => {
    if (open) setName(initial);
  }, [open, initial]);
  return (
    <FormDialog
      open={open}
      title={title}
      confirmLabel={confirmLabel}
      ready={name.trim() !== ''}
      onSubmit={() => onSubmit(name.trim())}
      onClose={onClose}
    >
      <TextField label="Profile name" value={name} onChange={setName} autoFocus placeholder="e.g. matrix.example.org production" />
    </FormDialog>
  );
}
