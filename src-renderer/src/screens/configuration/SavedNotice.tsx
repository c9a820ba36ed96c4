import { Notice } from '../../components/Notice';
import type { SavedFile } from './SaveDraftButton';

/** Where a file went and where its predecessor is kept. */
export function SavedNotice({ saved }: { saved: SavedFile | undefined }) {
  if (!saved) return null;
  return (
    <Notice tone="ok" title={`Saved ${saved.path}`}>
      {saved.backup ? `The previous file is kept as ${saved.backup}.` : 'It is a new file.'}
    </Notice>
  );
}

/** Each file a save wrote (Dex's config beside the MAS config). */
export function SavedNotices({ saved }: { saved: SavedFile[] }) {
  return saved.map((file) => <SavedNotice key={file.path} saved={file} />);
}
