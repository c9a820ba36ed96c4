import { X509Certificate } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../../../src-shared/errors';

/** What Dex's saml connector needs from a SAML IdP's metadata (SAML 2.0 Metadata, §2.4.3 IDPSSODescriptor). */
export interface IdpMetadata {
  entityId: string;
  /** The SingleSignOnService location for the HTTP-POST binding (Dex posts its AuthnRequest). */
  ssoUrl: string;
  /** The signing certificates, PEM, in the order the metadata lists them. */
  signingCertificates: string[];
  /** NotAfter of each signing certificate, for the expiry warning. */
  expiries: Date[];
  nameIdFormats: string[];
}

const postBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const repeated = new Set([
  'EntityDescriptor',
  'EntitiesDescriptor',
  'IDPSSODescriptor',
  'KeyDescriptor',
  'SingleSignOnService',
  'NameIDFormat',
  'X509Certificate',
]);

type Node = Record<string, unknown>;
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);
const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof (value as Node)?.['#text'] === 'string' ? String((value as Node)['#text']) : '';

/** Every EntityDescriptor, however deeply EntitiesDescriptor groups them. */
function entities(node: Node): Node[] {
  return [...nodes(node.EntityDescriptor), ...nodes(node.EntitiesDescriptor).flatMap(entities)];
}

function pem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}

/**
 * Parses IdP metadata named by `source` (a file path or URL, for messages).
 * A DOCTYPE is refused outright: metadata never needs one, and it is how XML
 * entity attacks come in. With several IdPs, `entityId` (Synapse's
 * `idp_entityid`) chooses; without it the metadata must describe exactly one.
 */
export function parseIdpMetadata(xml: string, source: string, entityId?: string): IdpMetadata {
  const bad = (what: string, hint = 'Check the file, or ask the IdP for its SAML 2.0 metadata.') =>
    new AppError('saml-metadata', `SAML metadata ${source}: ${what}.`, hint);
  if (/<!DOCTYPE/i.test(xml)) throw bad('it has a DOCTYPE, which SAML metadata never needs; it was not read');
  let document: Node;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      removeNSPrefix: true,
      isArray: (name) => repeated.has(name),
    });
    document = parser.parse(xml, true) as Node;
  } catch (error) {
    throw bad(`it is not well-formed XML (${(error as Error).message})`);
  }
  const idps = entities(document).filter((e) => nodes(e.IDPSSODescriptor).length > 0);
  const ids = idps.map((e) => String(e['@entityID'] ?? ''));
  if (idps.length === 0) throw bad('it describes no identity provider (no IDPSSODescriptor)');
  const index = entityId === undefined ? (idps.length === 1 ? 0 : -1) : ids.indexOf(entityId);
  if (index < 0)
    throw bad(
      entityId === undefined
        ? `it describes ${idps.length} identity providers (${ids.join(', ')})`
        : `it has no identity provider ${entityId} (it has ${ids.join(', ')})`,
      'Set saml2_config.idp_entityid to the IdP Synapse uses, as Synapse requires when the metadata names several.',
    );
  const descriptor = nodes(idps[index]!.IDPSSODescriptor)[0]!;
  const sso = nodes(descriptor.SingleSignOnService).find((s) => s['@Binding'] === postBinding);
  if (!sso || typeof sso['@Location'] !== 'string')
    throw bad(
      "the identity provider offers no HTTP-POST SingleSignOnService, the only binding Dex's saml connector uses",
      "Use the IdP's OpenID Connect side instead (the recommended route).",
    );
  const keys = nodes(descriptor.KeyDescriptor).filter((k) => k['@use'] === undefined || k['@use'] === 'signing');
  const certificates = keys.flatMap((k) => ((k.KeyInfo as Node)?.X509Data as Node)?.X509Certificate ?? []).flatMap((c) => text(c));
  const signingCertificates = [...new Set(certificates.filter((c) => c.trim() !== '').map(pem))];
  if (signingCertificates.length === 0) throw bad('the identity provider publishes no signing certificate (KeyDescriptor use="signing")');
  const expiries = signingCertificates.map((c) => {
    try {
      return new Date(new X509Certificate(c).validTo);
    } catch {
      throw bad('a signing certificate in it is not a valid X.509 certificate');
    }
  });
  return {
    entityId: ids[index]!,
    ssoUrl: sso['@Location'],
    signingCertificates,
    expiries,
    nameIdFormats: nodes(descriptor.NameIDFormat)
      .map(text)
      .map((f) => f.trim()),
  };
}
