import type { configChannels } from '../../../src-shared/contract/config';
import { draftView, generateConfig, openMasConfig, saveConfigs, draftText } from '../../app/config-drafts';
import { adoptMasPath, configViews, editDraft, masSaveTarget, validateDraft } from '../../app/config-review';
import { generateBridges, refuseWithoutDex, saveBridges } from '../../app/bridge-configs';
import { dexLdapIdAttribute } from '../../engine/config/dex/dex-document';
import type { Handler } from '../router';
import { withProfile } from './with-profile';

type C = typeof configChannels;

export const configHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'config.read': ({ profileId }, ctx) => withProfile(ctx.services, profileId, async (source) => configViews(source)),

  'config.generate': ({ profileId }, ctx) =>
    withProfile(ctx.services, profileId, async (source) => {
      const generated = await generateConfig(source);
      return { ...draftView(ctx.services.drafts.add({ file: null, document: generated.document })), warnings: generated.warnings };
    }),

  'config.openMas': ({ profileId }, ctx) =>
    withProfile(ctx.services, profileId, async (source) => draftView(await openMasConfig(source, ctx.services.drafts))),

  'config.edit': async ({ draftId, edits }, ctx) => draftView(editDraft(ctx.services.drafts, draftId, edits)),

  'config.validate': async ({ profileId, draftId }, ctx) => {
    const draft = ctx.services.drafts.get(draftId);
    const validate = await ctx.services.masSchema();
    return withProfile(ctx.services, profileId, (source) => validateDraft(draft, source, validate));
  },

  'config.saveMas': async ({ profileId, draftId, path, overwrite }, ctx) => {
    const draft = ctx.services.drafts.get(draftId);
    refuseWithoutDex(draft);
    const { store } = ctx.services.profiles;
    const profile = await store.get(profileId);
    const target = masSaveTarget(profile, path);
    const [saved] = await withProfile(ctx.services, profileId, (source) =>
      saveConfigs(source, draft.document, draftText(draft), { mas: target, overwrite }),
    );
    await adoptMasPath(store, profile, target);
    return saved!;
  },

  'config.generateBridges': ({ profileId, baseDraftId, ...request }, ctx) => {
    const { drafts } = ctx.services;
    const base = baseDraftId ? drafts.get(baseDraftId) : undefined;
    return withProfile(ctx.services, profileId, async (source) => {
      const generated = await generateBridges(source, { ...request, ...(base ? { base } : {}) });
      const dex = generated.dex ? drafts.add(generated.dex) : undefined;
      return {
        mas: draftView(drafts.add({ ...generated.mas, ...(dex ? { dexDraftId: dex.id } : {}) })),
        dex: dex ? draftView(dex) : null,
        warnings: generated.warnings,
      };
    });
  },

  'config.saveBridges': async ({ profileId, masDraftId, dexDraftId, path, overwrite }, ctx) => {
    const mas = ctx.services.drafts.get(masDraftId);
    const dex = dexDraftId ? ctx.services.drafts.get(dexDraftId, 'dex') : undefined;
    const { store } = ctx.services.profiles;
    const profile = await store.get(profileId);
    const target = masSaveTarget(profile, path);
    const saved = await withProfile(ctx.services, profileId, (source) => saveBridges(source, { mas, dex }, { masPath: target, overwrite }));
    await adoptMasPath(store, profile, target, dex ? dexLdapIdAttribute(dex.document) : undefined);
    return saved;
  },

  'config.saveSynapseSection': async ({ profileId, draftId, path, endpoint, overwrite }, ctx) => {
    const draft = ctx.services.drafts.get(draftId);
    const [saved] = await withProfile(ctx.services, profileId, (source) =>
      saveConfigs(source, draft.document, draftText(draft), { synapseSection: { path, ...(endpoint ? { endpoint } : {}) }, overwrite }),
    );
    return saved!;
  },
};
