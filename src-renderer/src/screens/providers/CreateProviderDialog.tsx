import { useEffect, useState } from 'react';
import type { SynapseProviderView } from '../../../../src-shared/domain/config';
import { FormDialog } from '../../components/FormDialog';
import { Notice } from '../../components/Notice';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { ClaimsImportFields, type ClaimsImports } from './ClaimsImportFields';

export interface CreateProviderDialogProps {
  synapse: SynapseProviderView | undefined;
  /** The provider generation proposes for it (client_secret left out), or undefined while loading. */
  proposal: Record<string, unknown> | undefined;
  onCreate: (provider: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
}

const authMethods = [
  { value: 'client_secret_basic', label: 'client_secret_basic' },
  { value: 'client_secret_post', label: 'client_secret_post' },
  { value: 'none', label: 'none (public client)' },
] as const;
type AuthMethod = (typeof authMethods)[number]['value'];

/** A MAS upstream provider made from a Synapse one: prefilled, with its claims mapping editable. */
export function CreateProviderDialog({ synapse, proposal, onCreate, onClose }: CreateProviderDialogProps) {
  const [form, setForm] = useState<Record<string, unknown>>({});
  useEffect(() => setForm(proposal ?? {}), [proposal]);
  const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
  const setText = (key: string) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <FormDialog
      open={synapse !== undefined}
      wide
      title={`Create the MAS provider for ${synapse?.name ?? synapse?.internalId ?? ''}`}
      confirmLabel="Add to the MAS config"
      ready={proposal !== undefined && text('issuer') !== '' && text('client_id') !== ''}
      onSubmit={() => onCreate(form)}
      onClose={onClose}
    >
      <p className="muted">
        It gets <code>synapse_idp_id: {synapse?.internalId}</code>, so the users linked through it in Synapse keep their links. Nothing is
        written until you save the MAS config.
      </p>
      <div className="fields">
        <TextField label="Name shown to users" value={text('human_name')} onChange={setText('human_name')} />
        <TextField label="Issuer" value={text('issuer')} onChange={setText('issuer')} spellCheck={false} />
        <TextField label="Client ID" value={text('client_id')} onChange={setText('client_id')} spellCheck={false} />
        <TextField label="Scope" value={text('scope')} onChange={setText('scope')} spellCheck={false} />
        <SelectField
          label="Token endpoint authentication"
          value={(text('token_endpoint_auth_method') || 'client_secret_basic') as AuthMethod}
          options={authMethods}
          onChange={setText('token_endpoint_auth_method')}
        />
      </div>
      <ClaimsImportFields
        value={(form.claims_imports ?? {}) as ClaimsImports}
        onChange={(claims_imports) => setForm((f) => ({ ...f, claims_imports }))}
      />
      <Notice tone="info" title="The client secret is not copied here">
        Secrets never pass through this window: after saving, add <code>client_secret</code> (or <code>client_secret_file</code>) to this
        provider in the MAS config file.
      </Notice>
    </FormDialog>
  );
}
