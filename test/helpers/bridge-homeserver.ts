import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newCa } from './tls-certs';
import { tempFolder } from './temp-folders';

/** SAML IdP metadata as pysaml2 reads it from `sp_config.metadata.local`: one entity, a signing certificate, an HTTP-POST SSO URL. */
export async function writeIdpMetadata(dir: string): Promise<string> {
  const { cert } = await newCa(dir, 'idp');
  const body = (await readFile(cert, 'utf8')).replace(/-----[A-Z ]+-----|\s/g, '');
  const metadata = join(dir, 'idp-metadata.xml');
  await writeFile(
    metadata,
    `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example.org">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.org/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`,
  );
  return metadata;
}

/** The directory's bind password in the homeserver below: it may only ever be in Dex's saved file. */
export const bindPassword = 'Bind-Secret-7';

/**
 * homeserver.yaml lines for matrix-synapse-ldap3 in `modules:` (its bind
 * password in bind_password_file) and an enabled saml2_config whose IdP
 * metadata is a local file; the files are written in `dir`.
 */
export async function bridgeSynapseConfig(dir: string): Promise<string> {
  const passwordFile = join(dir, 'ldap-bind-password');
  await writeFile(passwordFile, `${bindPassword}\n`);
  return [
    'modules:',
    '  - module: ldap_auth_provider.LdapAuthProviderModule',
    '    config:',
    '      enabled: true',
    '      uri: ldaps://ldap.example.org',
    '      validate_cert: false',
    '      base: ou=users,dc=example,dc=org',
    '      attributes: { uid: uid, mail: mail, name: cn }',
    '      bind_dn: cn=synapse,dc=example,dc=org',
    `      bind_password_file: ${passwordFile}`,
    'saml2_config:',
    '  enabled: true',
    '  sp_config:',
    '    metadata:',
    `      local: [${await writeIdpMetadata(dir)}]`,
    '',
  ].join('\n');
}

/** A homeserver.yaml with both logins of bridgeSynapseConfig, in a fresh folder. */
export async function bridgeHomeserver(): Promise<{ dir: string; homeserver: string }> {
  const dir = await tempFolder('mas-bridges-');
  const homeserver = join(dir, 'homeserver.yaml');
  await writeFile(homeserver, `server_name: example.org\npublic_baseurl: https://matrix.example.org/\n${await bridgeSynapseConfig(dir)}`);
  return { dir, homeserver };
}
