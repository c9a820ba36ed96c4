import { type ReactNode, useEffect, useRef } from 'react';
import type { SamlRoute } from '../../../../src-shared/contract/config';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { SecretField } from '../../components/SecretField';
import { TextField } from '../../components/TextField';
import type { Action } from '../../hooks/useAction';
import type { BridgeInputs } from '../../store/bridge-actions';
import { takeLanding } from '../../store/session';
import { samlCardId } from '../checks/finding-screens';
import { DexIssuerField } from './DexIssuerField';

export interface SamlBridgeCardProps {
  inputs: BridgeInputs;
  onChange: (change: Partial<BridgeInputs>) => void;
  generate: Action<[], unknown>;
  /** Its MAS provider, once there is one. */
  children: ReactNode;
}

const routes = [
  { value: 'idp', label: "The IdP's OpenID Connect side (recommended)" },
  { value: 'dex', label: "Dex's saml connector" },
] as const;

const idpRoute = (saml: SamlRoute) => (saml.route === 'idp' ? saml : { route: 'idp' as const, issuer: '', clientId: '' });

/** SPEC §12: the two ways to bring Synapse's SAML links to MAS; the sso-saml2 finding lands here. */
export function SamlBridgeCard({ inputs, onChange, generate, children }: SamlBridgeCardProps) {
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!takeLanding(samlCardId)) return;
    card.current?.scrollIntoView({ block: 'start' });
    card.current?.focus();
  }, []);
  const { saml } = inputs;
  const idp = idpRoute(saml);
  const setIdp = (change: Partial<typeof idp>) => onChange({ saml: { ...idp, ...change } });

  return (
    <div id={samlCardId} ref={card} tabIndex={-1}>
      <Panel
        title="SAML"
        actions={
          <Button variant="primary" onClick={() => void generate.run()} busy={generate.busy}>
            Generate<span className="visually-hidden"> the files for SAML</span>
          </Button>
        }
      >
        <p>
          MAS speaks no SAML. Synapse linked each SAML user by the identity provider's <code>uid</code> attribute; the MAS provider for them
          (<code>synapse_idp_id: saml</code>) must give that same value as the subject, or users get new, empty accounts.
        </p>
        <ul>
          <li>
            <strong>The IdP's OpenID Connect side</strong> (recommended): Keycloak, Entra ID, Okta, ADFS, Shibboleth and most SAML identity
            providers speak OpenID Connect too; register MAS there and MAS signs users in directly.
          </li>
          <li>
            <strong>Dex's saml connector</strong>: Dex reads the IdP's metadata that <code>sp_config</code> names and turns SAML logins into
            OpenID Connect for MAS.
          </li>
        </ul>
        <ChoiceGroup
          legend="Route"
          value={saml.route}
          options={routes}
          onChange={(route) => onChange({ saml: route === 'dex' ? { route } : idp })}
        />
        {saml.route === 'idp' ? (
          <div className="fields">
            <TextField
              label="Issuer of the IdP's OpenID Connect side"
              value={idp.issuer}
              onChange={(issuer) => setIdp({ issuer })}
              placeholder="https://idp.example.org/realms/main"
              spellCheck={false}
            />
            <TextField
              label="Client ID registered there for MAS"
              value={idp.clientId}
              onChange={(clientId) => setIdp({ clientId })}
              spellCheck={false}
            />
            <SecretField
              label="Client secret"
              isSet={false}
              value={idp.clientSecret ?? ''}
              onChange={(clientSecret) => setIdp({ clientSecret })}
              hint="Written into the MAS config by the app and never shown again. Empty: a public client."
            />
            <TextField
              label="Claim holding the SAML uid"
              value={idp.uidClaim ?? ''}
              onChange={(uidClaim) => setIdp({ uidClaim })}
              placeholder="preferred_username"
              hint="MAS's subject template reads it; it must give the same value as the SAML uid attribute Synapse stored."
              spellCheck={false}
            />
          </div>
        ) : (
          <>
            <Notice tone="error" title="Dex calls its saml connector unmaintained and likely vulnerable">
              Dex's own documentation says the saml connector is unmaintained and likely vulnerable to authentication bypass (warning{' '}
              <code>saml-dex-connector</code>). Prefer the identity provider's OpenID Connect side.
            </Notice>
            <div className="fields">
              <DexIssuerField
                label="Dex's public issuer URL for SAML"
                hint="The same Dex as the directory's, when Synapse has both."
                inputs={inputs}
                onChange={onChange}
              />
            </div>
          </>
        )}
        <ErrorNotice error={generate.error} />
        {children}
      </Panel>
    </div>
  );
}
