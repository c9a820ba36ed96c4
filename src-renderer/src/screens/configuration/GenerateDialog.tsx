import type { DraftView } from '../../../../src-shared/contract/config';
import type { GenerationWarning } from '../../../../src-shared/domain/config';
import { DiffView } from '../../components/DiffView';
import { FormDialog } from '../../components/FormDialog';
import { GenerationWarnings } from './GenerationWarnings';

export interface GenerateDialogProps {
  generated: (DraftView & { warnings: GenerationWarning[] }) | undefined;
  /** The MAS config as it is now (redacted), or '' when there is none. */
  current: string;
  onUse: (draft: DraftView) => void;
  onClose: () => void;
}

/** A config generated from Synapse's: what changes against the current one, and what could not be carried over. */
export function GenerateDialog({ generated, current, onUse, onClose }: GenerateDialogProps) {
  return (
    <FormDialog
      open={generated !== undefined}
      wide
      title="MAS config generated from Synapse"
      confirmLabel="Use this config"
      onSubmit={() => generated && onUse(generated)}
      onClose={onClose}
    >
      {generated ? (
        <>
          <p className="muted">Secrets are freshly generated and shown as &lt;redacted&gt;. Nothing is written until you save.</p>
          <h3>Could not be carried over ({generated.warnings.length})</h3>
          <GenerationWarnings warnings={generated.warnings} />
          <h3>Changes against {current ? 'the current config' : 'an empty file'}</h3>
          <DiffView label="Generated MAS config compared with the current one" before={current} after={generated.preview} />
        </>
      ) : null}
    </FormDialog>
  );
}
