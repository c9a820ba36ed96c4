import { DiffView } from '../../components/DiffView';
import { FormDialog } from '../../components/FormDialog';

export interface SaveDialogProps {
  open: boolean;
  path: string;
  before: string;
  after: string;
  onSave: () => Promise<unknown>;
  onClose: () => void;
}

/** Confirms a save with the exact change; the file being replaced is kept as a timestamped backup. */
export function SaveDialog({ open, path, before, after, onSave, onClose }: SaveDialogProps) {
  return (
    <FormDialog open={open} wide title="Save the MAS config" confirmLabel="Save" onSubmit={onSave} onClose={onClose}>
      <p>
        Writes <code>{path}</code> (readable by its owner only). {before ? 'The current file is kept as a timestamped backup next to it.' : 'The file is new.'}
      </p>
      <DiffView label="Changes to be saved" before={before} after={after} />
    </FormDialog>
  );
}
