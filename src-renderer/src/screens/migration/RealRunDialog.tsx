import { useState } from 'react';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export interface RealRunDialogProps {
  open: boolean;
  serverName: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** The real run needs downtime and is hard to undo: the admin confirms each precondition and types the server name. */
export function RealRunDialog({ open, serverName, onConfirm, onClose }: RealRunDialogProps) {
  const [stopped, setStopped] = useState(false);
  const [backup, setBackup] = useState(false);
  const [masDown, setMasDown] = useState(false);
  function close() {
    setStopped(false);
    setBackup(false);
    setMasDown(false);
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      title="Start the real migration"
      confirmLabel="Migrate now"
      danger
      typeToConfirm={serverName}
      ready={stopped && backup && masDown}
      onConfirm={onConfirm}
      onClose={close}
    >
      <p>This writes every account into MAS. Users keep their sessions; Synapse is never written to.</p>
      <CheckboxField
        label="Synapse is stopped"
        hint="The migration locks Synapse's tables and stops if Synapse still holds them."
        checked={stopped}
        onChange={setStopped}
      />
      <CheckboxField label="I have a backup of the Synapse database and its config" checked={backup} onChange={setBackup} />
      <CheckboxField
        label="MAS is configured but not running"
        hint="MAS must not start until the migration has finished."
        checked={masDown}
        onChange={setMasDown}
      />
    </ConfirmDialog>
  );
}
