import { AppError } from '../../../src-shared/errors';
import { probe } from './http-probe';

/**
 * A SAML IdP's metadata from `saml2_config.sp_config.metadata.remote` (SPEC
 * §12). HTTPS only: the metadata carries the certificate that every SAML
 * response is checked against, so it must not be open to tampering on the way.
 */
export async function fetchSamlMetadata(url: string, timeoutMs = 15_000): Promise<string> {
  const fail = (what: string, hint: string) => new AppError('saml-metadata', `SAML metadata ${url}: ${what}.`, hint);
  if (!URL.canParse(url) || new URL(url).protocol !== 'https:')
    throw fail('only an https:// URL is fetched', 'Download the metadata over a channel you trust and name the file in metadata.local.');
  const result = await probe(new URL(url), { timeoutMs, accept: 'application/samlmetadata+xml, application/xml, text/xml' });
  if (result.failure)
    throw fail(
      `it could not be fetched (${result.failure.message})`,
      'Check the URL and that this machine can reach it, or save the metadata to a file.',
    );
  if (result.answer.status !== 200)
    throw fail(`the server answered HTTP ${result.answer.status}`, 'Check the URL in saml2_config.sp_config.metadata.remote.');
  return result.answer.text;
}
