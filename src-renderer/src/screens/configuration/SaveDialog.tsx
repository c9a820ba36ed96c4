import type { ReactNode } from 'react';
import { DiffView } from '../../components/DiffView';
import { FormDialog } from '../../components/FormDialog';
import { TextField } from '../../components/TextField';

export interface SaveDialogProps {
  open: boolean;
  /** Where it goes; editable when the profile names no MAS config yet (it then becomes the profile's). */
  path: string;
  onPathChange?: ((path: string) => void) | undefined;
  /** "on this computer" or "on the MAS server, over SSH". */
  where: string;
  before: string;
  after: string;
  onSave: () => Promise<unknown>;
  onClose: () => void;
  /** [Save the MAS config] */
  title?: string;
  /** What else the save writes (Dex's config beside it). */
  children?: ReactNode;
}

/** Confirms a save with the exact change; the file being replaced is kept as a timestamped backup. */
export function SaveDialog({ open, path, onPathChange, where, before, after, onSave, onClose, title, children }: SaveDialogProps) {
  return (
    <FormDialog
      open={open}
      wide
      title={title ?? 'Save the MAS config'}
      confirmLabel="Save"
      ready={path.trim() !== ''}
      onSubmit={onSave}
      onClose={onClose}
    >
      {onPathChange ? (
        <TextField
          label="Save the MAS config as"
          value={path}
          onChange={onPathChange}
          hint={`A file ${where}; the profile remembers it.`}
          spellCheck={false}
        />
      ) : (
        <p>
          Writes <code>{path}</code> {where} (readable by its owner only).{' '}
          {before ? 'The current file is kept as a timestamped backup next to it.' : ''}
        </p>
      )}
      {children}
      <DiffView label="Changes to be saved" before={before} after={after} />
    </FormDialog>
  );
}
