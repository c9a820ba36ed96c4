import { describe, expect, it } from 'vitest';
import { loadMasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { pairProviders, synapseProviders } from '../../../src-main/engine/config/providers';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { masFixture, synapseFixture, yamlFiles } from './fixtures';

const provider = (idp: string | null) =>
  `  - ${idp === null ? '' : `idp_id: ${idp}\n    `}issuer: https://${idp ?? 'none'}.example/\n    client_id: c\n`;

describe('Synapse provider internal IDs (SPEC §1.2)', () => {
  it('oidc_providers: "oidc" without idp_id or with idp_id oidc, else oidc-<idp_id>', async () => {
    const files = await yamlFiles(`server_name: a\noidc_providers:\n${provider(null)}${provider('oidc')}${provider('github')}`);
    const cfg = await loadSynapseConfig(files);
    expect(synapseProviders(cfg).map((p) => p.internalId)).toEqual(['oidc', 'oidc', 'oidc-github']);
  });

  it('legacy oidc_config: its idp_id as is, or oidc; only with both issuer and client_id', async () => {
    const legacy = await loadSynapseConfig([synapseFixture('legacy-oidc.yaml')]);
    expect(synapseProviders(legacy).map((p) => [p.internalId, p.legacy])).toEqual([['oidc', true]]);
    const named = await loadSynapseConfig(
      await yamlFiles('server_name: a\noidc_config:\n  idp_id: corp\n  issuer: https://i/\n  client_id: c\n'),
    );
    expect(synapseProviders(named).map((p) => p.internalId)).toEqual(['corp']);
    const noIssuer = await loadSynapseConfig(await yamlFiles('server_name: a\noidc_config:\n  client_id: c\n'));
    expect(synapseProviders(noIssuer)).toEqual([]);
    const noClient = await loadSynapseConfig(await yamlFiles('server_name: a\noidc_config:\n  issuer: https://i/\n'));
    expect(synapseProviders(noClient)).toEqual([]);
  });
});

describe('pairing Synapse and MAS providers by synapse_idp_id', () => {
  it('pairs matching providers and lists gaps both ways', async () => {
    const syn = await loadSynapseConfig(await yamlFiles(`server_name: a\noidc_providers:\n${provider('keycloak')}${provider('gitlab')}`));
    const mas = await loadMasConfig(
      await yamlFiles(`matrix: {homeserver: a}
upstream_oauth2:
  providers:
    - id: 01JSHPZHAXC50QBKH67MH33TNF
      synapse_idp_id: oidc-keycloak
      issuer: https://other.example/
      client_id: d
      enabled: false
    - id: 01JSHQ0B0YJ8RNM3DFZ5KX2TQW
      synapse_idp_id: saml
      client_id: x
    - id: 01JSHQ0B0YJ8RNM3DFZ5KX2TQX
      client_id: y
`),
    );
    const pairs = pairProviders(syn, mas);
    expect(pairs.map((p) => [p.status, p.synapse?.internalId ?? null, p.mas?.id ?? null])).toEqual([
      ['paired', 'oidc-keycloak', '01JSHPZHAXC50QBKH67MH33TNF'],
      ['missing-in-mas', 'oidc-gitlab', null],
      ['unknown-to-synapse', null, '01JSHQ0B0YJ8RNM3DFZ5KX2TQW'],
      ['mas-only', null, '01JSHQ0B0YJ8RNM3DFZ5KX2TQX'],
    ]);
    expect(pairs[0]!.problems).toEqual([
      'the MAS provider is disabled (enabled: false): its users cannot log in',
      'issuer differs: Synapse https://keycloak.example/, MAS https://other.example/',
      'client_id differs: Synapse c, MAS d',
    ]);
    expect(pairs[1]!.problems).toEqual(['no MAS provider has synapse_idp_id: oidc-gitlab']);
    expect(pairs[2]!.problems).toEqual(['no Synapse OIDC provider has the internal ID saml']);
    expect(pairs[0]!.synapse!.source).toMatch(/file1\.yaml line 3: oidc_providers\[0\]$/);
    expect(pairs[0]!.mas!.source).toMatch(/file1\.yaml line 4: upstream_oauth2\.providers\[0\]$/);
  });

  it('finds nothing to fix when the configs match (trailing slash of issuers ignored)', async () => {
    const syn = await loadSynapseConfig([synapseFixture('oidc-jinja.yaml')]);
    const mas = await loadMasConfig([masFixture('matching-oidc-jinja.yaml')]);
    const pairs = pairProviders(syn, mas);
    expect(pairs.map((p) => [p.status, p.problems])).toEqual([
      ['paired', []],
      ['paired', []],
    ]);
  });

  it('says which MAS provider already claims a synapse_idp_id used twice', async () => {
    const syn = await loadSynapseConfig(await yamlFiles(`server_name: a\noidc_providers:\n${provider('keycloak')}`));
    const mas = await loadMasConfig([masFixture('bad-provider-ids.yaml')]);
    const pairs = pairProviders(syn, mas);
    expect(pairs[1]).toMatchObject({
      status: 'unknown-to-synapse',
      problems: ['synapse_idp_id oidc-keycloak is already used by MAS provider not-a-ulid'],
    });
  });

  it('without a MAS config every Synapse provider is missing in MAS', async () => {
    const syn = await loadSynapseConfig([synapseFixture('oidc-jinja.yaml')]);
    expect(pairProviders(syn, undefined).map((p) => p.status)).toEqual(['missing-in-mas', 'missing-in-mas']);
  });
});
