import { dexFileBeside } from '../../../../src-shared/domain/dex-file';

/** What a save of the MAS config with Dex's config also writes, in the save dialog. */
export function DexSaveNote({ masPath, where }: { masPath: string; where: string }) {
  if (!masPath) return null;
  return (
    <p>
      Dex's config goes to <code>{dexFileBeside(masPath)}</code> {where}, beside the MAS config; a file it replaces is kept as a timestamped
      backup. It holds the directory's bind password and MAS's client secret: keep it readable by Dex only.
    </p>
  );
}
