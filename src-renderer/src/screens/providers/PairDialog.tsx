import { useEffect, useState } from 'react';
import type { SynapseProviderView } from '../../../../src-shared/domain/config';
import { FormDialog } from '../../components/FormDialog';
import { SelectField } from '../../components/SelectField';
import type { DraftProvider } from '../../store/draft-providers';

export interface PairDialogProps {
  synapse: SynapseProviderView | undefined;
  candidates: readonly DraftProvider[];
  onPair: (provider: DraftProvider) => Promise<unknown>;
  onClose: () => void;
}

/** Pairs a Synapse provider with a MAS provider that already exists, by setting its synapse_idp_id. */
export function PairDialog({ synapse, candidates, onPair, onClose }: PairDialogProps) {
  const [index, setIndex] = useState('');
  useEffect(() => setIndex(candidates[0] ? String(candidates[0].index) : ''), [candidates]);
  const chosen = candidates.find((c) => String(c.index) === index);
  return (
    <FormDialog
      open={synapse !== undefined}
      title={`Pair ${synapse?.name ?? synapse?.internalId ?? ''} with a MAS provider`}
      confirmLabel="Pair"
      ready={chosen !== undefined}
      onSubmit={() => chosen && onPair(chosen)}
      onClose={onClose}
    >
      <SelectField
        label="MAS provider"
        value={index}
        options={candidates.map((c) => ({
          value: String(c.index),
          label: `${c.humanName ?? c.id} — ${c.issuer ?? 'no issuer'}${c.synapseIdpId ? ` (now ${c.synapseIdpId})` : ''}`,
        }))}
        onChange={setIndex}
      />
      <p className="muted">
        Sets <code>synapse_idp_id: {synapse?.internalId}</code> on it. Check that it talks to the same issuer with the same client, or the
        users' subjects will not match.
      </p>
    </FormDialog>
  );
}
