import type { ReactNode } from 'react';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import type { Action } from '../../hooks/useAction';
import type { BridgeInputs } from '../../store/bridge-actions';
import { DexIssuerField } from './DexIssuerField';

export interface LdapBridgeCardProps {
  /** The module's uid attribute: the default ID attribute. */
  uidAttribute: string;
  inputs: BridgeInputs;
  onChange: (change: Partial<BridgeInputs>) => void;
  generate: Action<[], unknown>;
  /** Its MAS provider, once there is one. */
  children: ReactNode;
}

/** SPEC §11: matrix-synapse-ldap3's directory behind Dex, and the MAS provider that links every directory user. */
export function LdapBridgeCard({ uidAttribute, inputs, onChange, generate, children }: LdapBridgeCardProps) {
  return (
    <Panel
      title="Directory (LDAP) through Dex"
      actions={
        <Button variant="primary" onClick={() => void generate.run()} busy={generate.busy}>
          Generate<span className="visually-hidden"> the files for the directory</span>
        </Button>
      }
    >
      <p>
        MAS speaks no LDAP. Dex signs your users in against the directory as matrix-synapse-ldap3 did and hands them to MAS as an OpenID
        Connect provider (<code>synapse_idp_id: ldap</code>), so the migration can link every directory user to their account.
      </p>
      <div className="fields">
        <DexIssuerField
          label="Dex's public issuer URL"
          hint="Where browsers reach Dex. One Dex serves the directory and, through Dex, SAML."
          inputs={inputs}
          onChange={onChange}
        />
        <TextField
          label="LDAP ID attribute"
          value={inputs.idAttribute}
          onChange={(idAttribute) => onChange({ idAttribute })}
          placeholder={uidAttribute}
          hint={`The attribute Dex gives MAS as the user's ID, and the migration links by; empty: the module's uid attribute (${uidAttribute}). entryUUID survives renames. Saving the files makes it the profile's.`}
          spellCheck={false}
        />
      </div>
      <ErrorNotice error={generate.error} />
      {children}
    </Panel>
  );
}
