import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Cancelling is safe: says what state the databases are left in before the admin commits to it. */
export function CancelRunDialog({
  open,
  dryRun,
  committed,
  onConfirm,
  onClose,
}: {
  open: boolean;
  dryRun: boolean;
  /** The real run has committed and is verifying: only the verification can stop. */
  committed: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  if (committed)
    return (
      <ConfirmDialog
        open={open}
        title="Cancel the verification?"
        confirmLabel="Cancel the verification"
        danger
        onConfirm={onConfirm}
        onClose={onClose}
      >
        <p>The migration itself is committed: cancelling stops only the comparison with Synapse.</p>
        <p>Verify MAS from the Report screen before you start MAS.</p>
      </ConfirmDialog>
    );
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
