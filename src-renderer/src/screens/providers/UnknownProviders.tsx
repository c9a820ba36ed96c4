import { useState } from 'react';
import type { Finding } from '../../../../src-shared/domain/finding';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { Table } from '../../components/Table';
import { formatCount } from '../../format';

export interface UnknownProvidersProps {
  /** provider-unknown-to-synapse findings of the last database check. */
  findings: readonly Finding[];
  ignored: boolean;
  onIgnore: (ignore: boolean) => Promise<unknown>;
}

const providerOf = (f: Finding) => /'(.*)'$/.exec(f.source ?? '')?.[1] ?? f.source ?? '?';

/** auth_provider values in Synapse's database that no provider declares: pair them (e.g. SAML through a bridge) or skip their links. */
export function UnknownProviders({ findings, ignored, onIgnore }: UnknownProvidersProps) {
  // Shown at once, saved in the profile behind it; a refusal puts it back.
  const [checked, setChecked] = useState(ignored);
  const [error, setError] = useState<unknown>();
  async function change(ignore: boolean) {
    setChecked(ignore);
    setError(undefined);
    try {
      await onIgnore(ignore);
    } catch (e) {
      setChecked(!ignore);
      setError(e);
    }
  }
  if (!findings.length) return null;
  return (
    <Panel title="Unknown providers in the Synapse database">
      <Table columns={[{ label: 'auth_provider' }, { label: 'Users', numeric: true }]}>
        {findings.map((f) => (
          <tr key={f.source}>
            <td>
              <code>{providerOf(f)}</code>
            </td>
            <td className="num">{f.count === undefined ? '—' : formatCount(f.count)}</td>
          </tr>
        ))}
      </Table>
      <p className="muted">
        No Synapse or MAS provider has these IDs. Add a MAS provider with that <code>synapse_idp_id</code> (for SAML or CAS through a bridge
        such as Dex), or skip these links: the users are migrated but cannot log in through that provider.
      </p>
      <CheckboxField
        label="Skip the links of unknown providers (--ignore-missing-auth-providers)"
        checked={checked}
        onChange={(v) => void change(v)}
      />
      <ErrorNotice error={error} />
    </Panel>
  );
}
