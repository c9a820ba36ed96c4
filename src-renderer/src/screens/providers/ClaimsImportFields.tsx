import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';

export type ClaimAction = 'ignore' | 'suggest' | 'force' | 'require';
export interface ClaimImport {
  action?: ClaimAction;
  template?: string;
}
export interface ClaimsImports {
  subject?: { template?: string };
  localpart?: ClaimImport;
  displayname?: ClaimImport;
  email?: ClaimImport;
}

const actions = [
  { value: 'ignore', label: 'Ignore' },
  { value: 'suggest', label: 'Suggest (user may change)' },
  { value: 'force', label: 'Force' },
  { value: 'require', label: 'Require' },
] as const satisfies readonly { value: ClaimAction; label: string }[];

const claims = [
  { key: 'localpart', label: 'Username' },
  { key: 'displayname', label: 'Display name' },
  { key: 'email', label: 'E-mail' },
] as const;

/** MAS's claims_imports: which upstream claims become the user's name, display name and e-mail, and how firmly. */
export function ClaimsImportFields({ value, onChange }: { value: ClaimsImports; onChange: (value: ClaimsImports) => void }) {
  return (
    <fieldset className="choice stack">
      <legend>Claims import (from the Synapse mapping provider)</legend>
      <TextField
        label="Subject template"
        value={value.subject?.template ?? ''}
        onChange={(template) => onChange({ ...value, subject: template ? { template } : {} })}
        placeholder="{{ user.sub }}"
        hint="Must give the same value Synapse stored as the external ID, or links will not match."
        spellCheck={false}
      />
      {claims.map(({ key, label }) => (
        <div className="claim-row" key={key}>
          <SelectField
            label={`${label}: action`}
            value={value[key]?.action ?? 'ignore'}
            options={actions}
            onChange={(action) => onChange({ ...value, [key]: { ...value[key], action } })}
          />
          <TextField
            label={`${label}: template`}
            value={value[key]?.template ?? ''}
            onChange={(template) => onChange({ ...value, [key]: { ...value[key], template } })}
            spellCheck={false}
          />
        </div>
      ))}
    </fieldset>
  );
}
