import type { ScreenId } from '../../screens';

/** The id of the SAML card on the Identity providers screen, where the sso-saml2 finding lands. */
export const samlCardId = 'saml-bridge';

/**
 * Findings fixed on another screen of the app, with the screen that fixes them and the part of it to land on
 * (SPEC §12: sso-saml2 → the SAML card of Identity providers).
 */
export const findingScreens: Readonly<Record<string, { screen: ScreenId; label: string; landing?: string }>> = {
  'sso-saml2': { screen: 'providers', label: 'Open Identity providers (the SAML routes)', landing: samlCardId },
  'provider-missing-in-mas': { screen: 'providers', label: 'Open Identity providers' },
  'provider-unknown-to-synapse': { screen: 'providers', label: 'Open Identity providers' },
  'ldap-provider-missing': { screen: 'providers', label: 'Open Identity providers' },
};
