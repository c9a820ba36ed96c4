import { type ReactNode, useEffect, useState } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

export interface FormDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** False keeps the confirm button disabled. */
  ready?: boolean;
  wide?: boolean;
  /** Runs on confirm; the dialog closes when it succeeds and shows the failure in place when it throws. */
  onSubmit: () => unknown;
  onClose: () => void;
  children: ReactNode;
}

/** A dialog whose confirm button runs an action: Cancel, busy state and errors handled once for every dialog. */
export function FormDialog({ open, title, confirmLabel, danger, ready = true, wide, onSubmit, onClose, children }: FormDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (open) setError(undefined);
  }, [open]);
  async function submit() {
    if (!ready || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit();
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
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={danger ? 'danger-solid' : 'primary'} busy={busy} disabled={!ready}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      <ErrorNotice error={error} />
    </Dialog>
  );
}
