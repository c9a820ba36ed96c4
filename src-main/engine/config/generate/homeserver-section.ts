import { Document } from 'yaml';
import { AppError } from '../../../../src-shared/errors';

export interface HomeserverSectionInput {
  /** MAS's `matrix.secret`: Synapse must use the same one. */
  secret: string;
  /** MAS's URL as Synapse reaches it. */
  endpoint: string;
}

/**
 * SPEC §9: the `matrix_authentication_service` section for homeserver.yaml,
 * from a MAS config document (its matrix.secret and http.public_base unless an endpoint is given).
 */
export function homeserverSection(mas: Document, endpoint?: string): string {
  const secret = mas.getIn(['matrix', 'secret']);
  const url = endpoint ?? mas.getIn(['http', 'public_base']);
  if (typeof secret !== 'string' || secret === '') {
    throw new AppError(
      'mas-secret-missing',
      'The MAS config has no inline matrix.secret to share with Synapse.',
      'Set matrix.secret in the MAS config (or put the contents of matrix.secret_file into the Synapse section by hand).',
    );
  }
  if (typeof url !== 'string' || url === '') {
    throw new AppError(
      'mas-endpoint-missing',
      'The MAS config has no http.public_base, so the URL Synapse should use for MAS is unknown.',
      'Set http.public_base in the MAS config or give the endpoint explicitly.',
    );
  }
  return homeserverSectionText({ secret, endpoint: url });
}

export function homeserverSectionText({ secret, endpoint }: HomeserverSectionInput): string {
  const doc = new Document({ matrix_authentication_service: { enabled: true, endpoint, secret } });
  doc.commentBefore =
    ' Add to homeserver.yaml after the migration (Synapse 1.136.0 or later).\n Registration must be off in Synapse; route /login, /logout and /refresh to MAS in the reverse proxy.';
  return doc.toString();
}
