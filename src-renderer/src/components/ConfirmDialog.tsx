import { type ReactNode, useEffect, useState } from 'react';
import { FormDialog } from './FormDialog';
import { TextField } from './TextField';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** When set, the admin must type this exact text before confirming. */
  typeToConfirm?: string;
  /** Extra conditions (checkboxes) the caller owns; false keeps the button disabled. */
  ready?: boolean;
  wide?: boolean;
  onConfirm: () => unknown;
  onClose: () => void;
  children: ReactNode;
}

/** Asks before anything irreversible, optionally with the name typed out. */
export function ConfirmDialog({ typeToConfirm, ready = true, onConfirm, open, children, ...rest }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  useEffect(() => {
    if (!open) setTyped('');
  }, [open]);
  const typedOk = typeToConfirm === undefined || typed.trim() === typeToConfirm;
  return (
    <FormDialog open={open} ready={ready && typedOk} onSubmit={onConfirm} {...rest}>
      {children}
      {typeToConfirm !== undefined ? (
        <TextField label={`Type ${typeToConfirm} to confirm`} value={typed} onChange={setTyped} autoComplete="off" spellCheck={false} />
      ) : null}
    </FormDialog>
  );
}
