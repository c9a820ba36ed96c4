import { type ReactNode, useState } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
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

/** Asks before anything irreversible; shows the failure in place if the action fails. */
export function ConfirmDialog({ open, title, confirmLabel, danger, typeToConfirm, ready = true, wide, onConfirm, onClose, children }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const typedOk = typeToConfirm === undefined || typed.trim() === typeToConfirm;

  function close() {
    setTyped('');
    setError(undefined);
    onClose();
  }

  async function confirm() {
    if (!typedOk || !ready) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      setTyped('');
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={title}
      wide={wide}
      onClose={close}
      onSubmit={confirm}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant={danger ? 'danger-solid' : 'primary'} busy={busy} disabled={!typedOk || !ready}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {typeToConfirm !== undefined ? (
        <TextField label={`Type ${typeToConfirm} to confirm`} value={typed} onChange={setTyped} autoComplete="off" spellCheck={false} />
      ) : null}
      <ErrorNotice error={error} />
    </Dialog>
  );
}
