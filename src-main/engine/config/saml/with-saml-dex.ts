import { Document, isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { GeneratedMasConfig } from '../generate/generate-mas-config';
import { masDocumentText } from '../mas/mas-document';
import { addMasProvider } from '../../directory/generate-directory-configs';
import { type DexSamlInput, dexSamlRoute } from './dex-saml-config';

/**
 * SPEC §12 route (b) on top of a generated MAS config: the MAS provider for
 * Dex's saml connector is added, and Dex's config is written, or, when
 * `dexYaml` already holds Dex's config for the directory (SPEC §11), the saml
 * connector joins it: one Dex, one client for MAS (its secret shared by both
 * MAS providers, each provider's callback among its redirect URIs).
 */
export function withSamlDex(
  generated: GeneratedMasConfig,
  input: Omit<DexSamlInput, 'masPublicBase'>,
  dexYaml?: string,
): { mas: GeneratedMasConfig; dexYaml: string } {
  const masPublicBase = String(generated.document.getIn(['http', 'public_base']));
  const route = dexSamlRoute({ ...input, masPublicBase });
  const warnings = [...generated.warnings, ...route.warnings];
  let dex: Document;
  if (dexYaml === undefined) dex = new Document(route.dex);
  else {
    dex = parseDocument(dexYaml);
    const [connector] = route.dex.connectors as unknown[];
    (dex.get('connectors') as { add(v: unknown): void }).add(dex.createNode(connector));
    const masClient = masClientOf(dex);
    const [samlClient] = route.dex.staticClients as { redirectURIs: string[] }[];
    (masClient.get('redirectURIs') as { add(v: unknown): void }).add(samlClient!.redirectURIs[0]);
    route.masProvider.client_secret = String(masClient.get('secret'));
    warnings.push({
      id: 'dex-two-connectors',
      message:
        "Dex serves both the directory and SAML: at sign-in Dex asks which one to use, whichever MAS button was pressed. Tell users to pick the one they used with Synapse (a SAML user signing in through the directory's button gets a new, empty account).",
    });
  }
  addMasProvider(generated.document, route.masProvider);
  return {
    mas: { document: generated.document, yaml: masDocumentText(generated.document), warnings },
    dexYaml: dex.toString({ lineWidth: 0 }),
  };
}

/** The static client Dex keeps for MAS (id `mas`) in a generated Dex config. */
function masClientOf(dex: Document): YAMLMap {
  const clients = dex.get('staticClients');
  const client = isSeq(clients) ? clients.items.find((c) => isMap(c) && c.get('id') === 'mas') : undefined;
  if (!isMap(client)) throw new Error('the generated Dex config has no static client for MAS');
  return client;
}
