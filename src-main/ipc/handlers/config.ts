import type { configChannels } from '../../../src-shared/contract/config';
import type { Finding } from '../../../src-shared/domain/finding';
import { AppError } from '../../../src-shared/errors';
import { localFiles } from '../../connect/files/local-files';
import { checkConfigs } from '../../engine/config/config-checks';
import { masView, synapseView } from '../../engine/config/config-views';
import type { Draft } from '../../engine/config/draft-store';
import { generateMasConfig } from '../../engine/config/generate-mas-config';
import { homeserverSection } from '../../engine/config/homeserver-section';
import { checkSynapseAgainstMas } from '../../engine/config/mas-checks';
import { loadMasConfig } from '../../engine/config/mas-config';
import { applyEdits, parseMasDocument } from '../../engine/config/mas-document';
import { loadMasSchema, type MasSchemaValidator } from '../../engine/config/mas-schema';
import { checkMasProviderIds } from '../../engine/config/provider-checks';
import { pairProviders } from '../../engine/config/providers';
import { saveConfigFile } from '../../engine/config/save-config-file';
import { loadSynapseConfig } from '../../engine/config/synapse-config';
import type { Handler } from '../router';
import { draftsOf, draftText, draftView } from './drafts';

type C = typeof configChannels;

export interface ConfigHandlerOptions {
  /** MAS's published config schema (JSON); without it validation runs our checks only. */
  masSchemaPath?: string;
}

/** Config files named by the renderer are read on this computer (with the connect layer's size limit). */
const local = { readText: (path: string) => localFiles.readText(path), list: (path: string) => localFiles.list(path) };

async function loadBoth(synapsePaths: string[], masPaths: string[]) {
  const [synapse, mas] = await Promise.all([
    loadSynapseConfig(synapsePaths, local),
    masPaths.length > 0 ? loadMasConfig(masPaths, local) : undefined,
  ]);
  return { synapse, mas };
}

/** Our checks of a draft: its own provider IDs, and against Synapse's config when given. A draft that does not load is one error. */
async function draftFindings(draft: Draft, synapsePaths: string[]): Promise<Finding[]> {
  const name = draft.file ?? 'generated MAS config';
  let mas: Awaited<ReturnType<typeof loadMasConfig>>;
  try {
    mas = await loadMasConfig([name], { readText: async () => draftText(draft) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return [
      {
        id: 'mas-config-invalid',
        severity: 'error',
        area: 'mas-config',
        message: error.message,
        fix: error.hint ?? 'Fix the MAS config.',
        source: name,
      },
    ];
  }
  const findings = checkMasProviderIds(mas);
  if (synapsePaths.length > 0) findings.push(...checkSynapseAgainstMas(await loadSynapseConfig(synapsePaths, local), mas));
  return findings;
}

export function createConfigHandlers(options: ConfigHandlerOptions = {}): { [K in keyof C]: Handler<C[K]> } {
  let schema: Promise<MasSchemaValidator> | undefined;
  const validator = () => {
    if (options.masSchemaPath) schema ??= loadMasSchema(options.masSchemaPath);
    return schema;
  };

  return {
    'config.load': async ({ synapsePaths, masPaths }) => {
      const { synapse, mas } = await loadBoth(synapsePaths, masPaths);
      return { synapse: synapseView(synapse), mas: mas ? masView(mas) : null };
    },
    'config.check': async ({ synapsePaths, masPaths }) => {
      const { synapse, mas } = await loadBoth(synapsePaths, masPaths);
      return { findings: checkConfigs(synapse, mas), providers: pairProviders(synapse, mas) };
    },
    'config.generate': async ({ synapsePaths }, ctx) => {
      const generated = await generateMasConfig(await loadSynapseConfig(synapsePaths, local));
      const draft = draftsOf(ctx.services).add({ file: null, document: generated.document });
      return { ...draftView(draft), warnings: generated.warnings };
    },
    'config.open': async ({ path }, ctx) => {
      const text = await localFiles.readText(path);
      const draft = draftsOf(ctx.services).add({ file: path, document: parseMasDocument(text, path), originalText: text });
      return draftView(draft);
    },
    'config.edit': async ({ draftId, edits }, ctx) => {
      const draft = draftsOf(ctx.services).get(draftId);
      applyEdits(draft.document, edits, { allowSecrets: false });
      return draftView(draft);
    },
    'config.validate': async ({ draftId, synapsePaths }, ctx) => {
      const draft = draftsOf(ctx.services).get(draftId);
      const validate = await validator();
      return {
        schemaChecked: validate !== undefined,
        schemaProblems: validate ? validate(draft.document.toJS()) : [],
        findings: await draftFindings(draft, synapsePaths),
      };
    },
    'config.save': async ({ draftId, path, overwrite }, ctx) => {
      const draft = draftsOf(ctx.services).get(draftId);
      return saveConfigFile(localFiles, path, draftText(draft), { overwrite });
    },
    'config.saveSynapseSection': async ({ draftId, path, overwrite, endpoint }, ctx) => {
      const draft = draftsOf(ctx.services).get(draftId);
      return saveConfigFile(localFiles, path, homeserverSection(draft.document, endpoint), { overwrite });
    },
  };
}

/** The handlers the hosts use; MAS_MIGRATOR_MAS_SCHEMA points at MAS's published config schema. */
export const configHandlers = createConfigHandlers({ masSchemaPath: process.env.MAS_MIGRATOR_MAS_SCHEMA });
