import type { configChannels } from '../../../src-shared/contract/config';
import type { Finding } from '../../../src-shared/domain/finding';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';
import { masView, synapseView } from '../../engine/config/config-views';
import type { Draft } from '../../engine/config/generate/draft-store';
import { checkSynapseAgainstMas } from '../../engine/config/mas/mas-checks';
import { loadMasConfig } from '../../engine/config/mas/mas-config';
import { applyEdits } from '../../engine/config/mas/mas-document';
import { checkMasProviderIds } from '../../engine/config/provider-checks';
import type { SynapseConfig } from '../../engine/config/synapse/synapse-config';
import type { ProfileStore } from '../../profiles/profile-store';
import type { Handler } from '../router';
import { draftText, draftView, generateConfig, openMasConfig, saveConfigs } from '../../app/config-drafts';
import { withProfile } from './with-profile';

type C = typeof configChannels;

/** Our checks of a draft: its own provider IDs, and against Synapse's config. A draft that does not load is one error. */
async function draftFindings(draft: Draft, synapse: SynapseConfig): Promise<Finding[]> {
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
  return [...checkMasProviderIds(mas), ...checkSynapseAgainstMas(synapse, mas)];
}

/** Once a draft is saved somewhere the profile did not name, that file becomes the profile's MAS config. */
async function adoptMasPath(store: ProfileStore, profile: ProfileView, path: string): Promise<void> {
  if (profile.mas.configFiles.paths.includes(path)) return;
  const { id, createdAt: _c, updatedAt: _u, secretsSet: _s, trustedHostKeys: _t, history: _h, ...settings } = profile;
  await store.update(id, { ...settings, mas: { ...settings.mas, configFiles: { ...settings.mas.configFiles, paths: [path] } } });
}

export const configHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'config.read': ({ profileId }, ctx) =>
    withProfile(ctx.services, profileId, async ({ synapse, mas }) => ({ synapse: synapseView(synapse), mas: mas ? masView(mas) : null })),

  'config.generate': ({ profileId }, ctx) =>
    withProfile(ctx.services, profileId, async (source) => {
      const generated = await generateConfig(source);
      return { ...draftView(ctx.services.drafts.add({ file: null, document: generated.document })), warnings: generated.warnings };
    }),

  'config.openMas': ({ profileId }, ctx) =>
    withProfile(ctx.services, profileId, async (source) => draftView(await openMasConfig(source, ctx.services.drafts))),

  'config.edit': async ({ draftId, edits }, ctx) => {
    const draft = ctx.services.drafts.get(draftId);
    applyEdits(draft.document, edits, { allowSecrets: false });
    return draftView(draft);
  },

  'config.validate': async ({ profileId, draftId }, ctx) => {
    const draft = ctx.services.drafts.get(draftId);
    const validate = await ctx.services.masSchema();
    return {
      schemaChecked: validate !== undefined,
      schemaProblems: validate ? validate(draft.document.toJS()) : [],
      findings: await withProfile(ctx.services, profileId, ({ synapse }) => draftFindings(draft, synapse)),
    };
  },

  'config.saveMas': async ({ profileId, draftId, path, overwrite }, ctx) => {
    const draft = ctx.services.drafts.get(draftId);
    const { store } = ctx.services.profiles;
    const profile = await store.get(profileId);
    const target = path ?? profile.mas.configFiles.paths[0];
    if (!target)
      throw new AppError(
        'mas-config-path-missing',
        `Profile "${profile.name}" names no MAS config file to save to.`,
        'Give the path to save the MAS config at.',
      );
    const [saved] = await withProfile(ctx.services, profileId, (source) =>
      saveConfigs(source, draft.document, draftText(draft), { mas: target, overwrite }),
    );
    await adoptMasPath(store, profile, target);
    return saved!;
  },

  'config.saveSynapseSection': async ({ profileId, draftId, path, endpoint, overwrite }, ctx) => {
    const draft = ctx.services.drafts.get(draftId);
    const [saved] = await withProfile(ctx.services, profileId, (source) =>
      saveConfigs(source, draft.document, draftText(draft), { synapseSection: { path, ...(endpoint ? { endpoint } : {}) }, overwrite }),
    );
    return saved!;
  },
};
