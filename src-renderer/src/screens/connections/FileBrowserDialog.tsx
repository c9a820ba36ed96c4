import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';

export interface BrowsedEntry {
  name: string;
  /** A link is offered as a file: picking a link to a folder fails with the server's error. */
  kind: 'file' | 'directory' | 'other';
}

export interface FileBrowserDialogProps {
  open: boolean;
  title: string;
  /** Where to start (a folder, or a file whose folder is opened). */
  start: string;
  /** Lists a folder; `where` names the machine (this computer or user@host). */
  list: (folder: string) => Promise<{ folder: string; where: string; entries: readonly BrowsedEntry[] }>;
  onPick: (path: string) => void;
  /** Offered where a folder may be picked (Synapse's conf.d): picks the folder shown. */
  onPickFolder?: (folder: string) => void;
  onClose: () => void;
}

const parentOf = (folder: string) => folder.replace(/\/[^/]+\/?$/, '') || '/';
const join = (folder: string, name: string) => `${folder.replace(/\/$/, '')}/${name}`;

/** Picks a file (or, where allowed, the folder shown) on the server over SFTP: folders open, YAML files are picked. */
export function FileBrowserDialog({ open, title, start, list, onPick, onPickFolder, onClose }: FileBrowserDialogProps) {
  const [folder, setFolder] = useState(start);
  const [where, setWhere] = useState('');
  const [entries, setEntries] = useState<readonly BrowsedEntry[]>([]);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reopen at the start folder each time
  useEffect(() => {
    if (open) void go(start.endsWith('.yaml') || start.endsWith('.yml') ? parentOf(start) : start || '/');
  }, [open]);

  async function go(target: string) {
    setLoading(true);
    setError(undefined);
    try {
      const result = await list(target);
      setFolder(result.folder);
      setWhere(result.where);
      setEntries(
        [...result.entries].sort((a, b) => Number(b.kind === 'directory') - Number(a.kind === 'directory') || a.name.localeCompare(b.name)),
      );
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      wide
      footer={
        <>
          {onPickFolder ? (
            <Button onClick={() => onPickFolder(folder)} disabled={loading || error !== undefined}>
              Use this folder
            </Button>
          ) : null}
          <Button onClick={onClose}>Cancel</Button>
        </>
      }
    >
      <div className="row">
        <Button size="small" onClick={() => void go(parentOf(folder))} disabled={folder === '/' || loading}>
          Up
        </Button>
        <code aria-live="polite">
          {where ? `${where}:` : ''}
          {folder}
        </code>
      </div>
      <ErrorNotice error={error} />
      <ul className="list-plain file-list" aria-label={`Contents of ${folder}`} aria-busy={loading}>
        {entries.map((e) => (
          <li key={e.name}>
            {e.kind === 'directory' ? (
              <button type="button" className="file-entry" onClick={() => void go(join(folder, e.name))}>
                <span aria-hidden="true">▸</span> {e.name}/
              </button>
            ) : (
              <button type="button" className="file-entry" disabled={e.kind !== 'file'} onClick={() => onPick(join(folder, e.name))}>
                <span aria-hidden="true">·</span> {e.name}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
