import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Cancelling is safe: says what state the databases are left in before the admin commits to it. */
export function CancelRunDialog({
  open,
  dryRun,
  onConfirm,
  onClose,
}: {
  open: boolean;
  dryRun: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog open={open} title="Cancel the run?" confirmLabel="Cancel the run" danger onConfirm={onConfirm} onClose={onClose}>
      <p>The run stops after the rows in flight. Synapse's database is never written to.</p>
      <p>
        The MAS database is left resumable: its tables stay renamed, so a MAS started by mistake sees nothing half-written, and the saved
        index and constraint definitions are kept. {dryRun ? 'Run again' : 'Run the migration again'} to resume: the next run clears the
        rows written so far and writes them again.
      </p>
    </ConfirmDialog>
  );
}
