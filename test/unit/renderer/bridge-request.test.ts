import { describe, expect, it } from 'vitest';
import { type BridgeInputs, type BridgesState, bridgeRequest, dexFor, unsavedDex } from '../../../src-renderer/src/store/bridge-actions';

const inputs = (saml: BridgeInputs['saml'], idAttribute = ''): BridgeInputs => ({
  dexIssuer: ' https://dex.example.org/dex ',
  idAttribute,
  saml,
});
const idp = { route: 'idp' as const, issuer: ' https://idp.example.org ', clientId: ' mas ', clientSecret: '', uidClaim: ' ' };
const nothing = { ldap: false, saml: undefined };

describe('what a bridge card asks main to generate (one Dex config serves both cards)', () => {
  it("the directory's card asks for the directory; empty fields are left out, others trimmed", () => {
    expect(bridgeRequest('ldap', inputs(idp), nothing)).toEqual({ dexIssuer: 'https://dex.example.org/dex', ldap: {} });
    expect(bridgeRequest('ldap', inputs(idp, ' entryUUID '), nothing)).toMatchObject({ ldap: { idAttribute: 'entryUUID' } });
  });

  it("the SAML card's route (a) leaves an empty secret and claim out (a public client, preferred_username)", () => {
    expect(bridgeRequest('saml', inputs(idp), nothing).saml).toEqual({ route: 'idp', issuer: 'https://idp.example.org', clientId: 'mas' });
    expect(bridgeRequest('saml', inputs({ ...idp, clientSecret: 's3cret', uidClaim: 'uid' }), nothing).saml).toEqual({
      route: 'idp',
      issuer: 'https://idp.example.org',
      clientId: 'mas',
      clientSecret: 's3cret',
      uidClaim: 'uid',
    });
  });

  it("keeps the other card's bridge when Dex serves it, so Dex's config keeps both connectors", () => {
    expect(bridgeRequest('ldap', inputs(idp), { ldap: false, saml: 'dex' })).toMatchObject({ ldap: {}, saml: { route: 'dex' } });
    expect(bridgeRequest('saml', inputs({ route: 'dex' }), { ldap: true, saml: undefined })).toMatchObject({
      ldap: {},
      saml: { route: 'dex' },
    });
    // Switching SAML to the IdP's side regenerates Dex for the directory alone.
    expect(bridgeRequest('saml', inputs(idp), { ldap: true, saml: 'dex' })).toMatchObject({ ldap: {}, saml: { route: 'idp' } });
  });

  it("leaves a SAML provider on the IdP's own side alone when the directory's card generates again (its secret is not asked again)", () => {
    expect(bridgeRequest('ldap', inputs(idp), { ldap: true, saml: 'idp' })).not.toHaveProperty('saml');
  });
});

describe('which Dex config a save of the MAS draft takes with it', () => {
  const dex = { draftId: 'dex-1', file: null, preview: 'issuer: https://dex.example.org/dex\n' };
  const state = (dexUnsaved: boolean): BridgesState => ({
    scope: 'profile',
    dex,
    masDraftId: 'mas-1',
    dexUnsaved,
    warnings: [],
    generated: { ldap: true, saml: undefined },
  });

  it('the one generated with that MAS draft, and in the header only while it is unsaved', () => {
    expect(dexFor(state(false), 'mas-1')).toBe(dex);
    expect(unsavedDex(state(true), 'mas-1')).toBe(dex);
    expect(unsavedDex(state(false), 'mas-1')).toBeUndefined();
  });

  it('none once another MAS config replaced that draft: its providers for Dex are gone with it', () => {
    expect(dexFor(state(true), 'mas-2')).toBeUndefined();
    expect(unsavedDex(state(true), 'mas-2')).toBeUndefined();
    expect(unsavedDex(state(true), undefined)).toBeUndefined();
  });
});
