import type { ScreenId } from '../../screens';

/** Findings fixed on another screen of the app, with the screen that fixes them (SPEC §12: sso-saml2 → Identity providers). */
export const findingScreens: Readonly<Record<string, { screen: ScreenId; label: string }>> = {
  'sso-saml2': { screen: 'providers', label: 'Open Identity providers (the SAML routes)' },
  'provider-missing-in-mas': { screen: 'providers', label: 'Open Identity providers' },
  'provider-unknown-to-synapse': { screen: 'providers', label: 'Open Identity providers' },
  'ldap-provider-missing': { screen: 'providers', label: 'Open Identity providers' },
};
