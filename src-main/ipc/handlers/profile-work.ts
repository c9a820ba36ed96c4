import type { profileWorkChannels } from '../../../src-shared/contract/profile-work';
import type { Finding } from '../../../src-shared/domain/finding';
import type { HistoryEntry } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';
import { checkConfigs } from '../../engine/config/config-checks';
import { masView, synapseView } from '../../engine/config/config-views';
import { generateMasConfig } from '../../engine/config/generate-mas-config';
import { homeserverSection } from '../../engine/config/homeserver-section';
import { parseMasDocument } from '../../engine/config/mas-document';
import { pairProviders } from '../../engine/config/providers';
import { saveConfigFile } from '../../engine/config/save-config-file';
import { checkDatabases } from '../../engine/migration/database-checks';
import { runMigration } from '../../engine/migration/run-migration';
import type { Services } from '../context';
import type { Handler } from '../router';
import { withProfileSource } from '../sources/profile-source';
import { draftsOf, draftText, draftView } from './drafts';
import { profileRuntimeOf } from './profile-runtime-of';

type C = typeof profileWorkChannels;

function outcomeOf(findings: readonly Finding[]): HistoryEntry['outcome'] {
  if (findings.some((f) => f.severity === 'error')) return 'errors';
  return findings.some((f) => f.severity === 'warning') ? 'warnings' : 'ok';
}

/** Records what happened in the profile's history, whatever the outcome, then passes the result or error on. */
async function recorded<T>(
  services: Services,
  profileId: string,
  kind: HistoryEntry['kind'],
  work: Promise<T>,
  describe: (result: T) => Pick<HistoryEntry, 'outcome' | 'summary'>,
): Promise<T> {
  const store = profileRuntimeOf(services).store;
  try {
    const result = await work;
    await store.addHistory(profileId, { kind, ...describe(result) });
    return result;
  } catch (error) {
    await store.addHistory(profileId, { kind, outcome: 'failed', summary: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

export const profileWorkHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'profile.configs': ({ profileId }, ctx) =>
    withProfileSource(ctx.services, profileId, async ({ synapse, mas }) => ({
      synapse: synapseView(synapse),
      mas: mas ? masView(mas) : null,
    })),

  'profile.check': ({ profileId }, ctx) =>
    recorded(
      ctx.services,
      profileId,
      'check',
      withProfileSource(ctx.services, profileId, async (source) => {
        const configFindings = checkConfigs(source.synapse, source.mas);
        const providers = pairProviders(source.synapse, source.mas);
        if (!source.mas)
          return {
            findings: configFindings,
            providers,
            databasesChecked: false,
            masSchemaVersion: null,
            masState: 'fresh' as const,
            providerUsers: [],
          };
        const databases = await checkDatabases(await source.migrationSettings({ dryRun: true }));
        return {
          findings: [...configFindings, ...databases.findings],
          providers,
          databasesChecked: true,
          masSchemaVersion: databases.mas.schemaVersion,
          masState: databases.mas.state,
          providerUsers: databases.providerUsers,
        };
      }),
      (result) => {
        const errors = result.findings.filter((f) => f.severity === 'error').length;
        const warnings = result.findings.filter((f) => f.severity === 'warning').length;
        return {
          outcome: outcomeOf(result.findings),
          summary: `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
        };
      },
    ),

  'profile.openMasConfig': ({ profileId }, ctx) =>
    withProfileSource(ctx.services, profileId, async ({ profile, masFiles }) => {
      const path = profile.mas.configFiles.paths[0];
      if (!path)
        throw new AppError(
          'mas-config-path-missing',
          `Profile "${profile.name}" names no MAS config file.`,
          'Generate one, or name the file on the Connections screen.',
        );
      const text = await masFiles.readText(path);
      return draftView(draftsOf(ctx.services).add({ file: path, document: parseMasDocument(text, path), originalText: text }));
    }),

  'profile.generate': ({ profileId }, ctx) =>
    withProfileSource(ctx.services, profileId, async ({ synapse }) => {
      const generated = await generateMasConfig(synapse);
      const draft = draftsOf(ctx.services).add({ file: null, document: generated.document });
      return { ...draftView(draft), warnings: generated.warnings };
    }),

  'profile.saveMasConfig': async ({ profileId, draftId, path, overwrite }, ctx) => {
    const draft = draftsOf(ctx.services).get(draftId);
    const store = profileRuntimeOf(ctx.services).store;
    const profile = await store.get(profileId);
    const target = path ?? profile.mas.configFiles.paths[0];
    if (!target)
      throw new AppError(
        'mas-config-path-missing',
        `Profile "${profile.name}" names no MAS config file to save to.`,
        'Give the path to save the MAS config at.',
      );
    const saved = await withProfileSource(ctx.services, profileId, ({ masFiles }) =>
      saveConfigFile(masFiles, target, draftText(draft), { overwrite }),
    );
    if (!profile.mas.configFiles.paths.includes(target)) {
      const { id: _id, createdAt: _c, updatedAt: _u, secretsSet: _s, trustedHostKeys: _t, history: _h, ...settings } = profile;
      await store.update(profileId, {
        ...settings,
        mas: { ...settings.mas, configFiles: { ...settings.mas.configFiles, paths: [target] } },
      });
    }
    return saved;
  },

  'profile.saveSynapseSection': async ({ profileId, draftId, path, endpoint, overwrite }, ctx) => {
    const draft = draftsOf(ctx.services).get(draftId);
    return withProfileSource(ctx.services, profileId, ({ synapseFiles }) =>
      saveConfigFile(synapseFiles, path, homeserverSection(draft.document, endpoint), { overwrite }),
    );
  },

  'profile.migrate': ({ profileId, dryRun }, ctx) =>
    recorded(
      ctx.services,
      profileId,
      dryRun ? 'dry-run' : 'migrate',
      withProfileSource(ctx.services, profileId, async (source) => {
        const settings = await source.migrationSettings({ dryRun });
        return runMigration(settings, {
          signal: ctx.signal,
          onProgress: (p) => ctx.emit(p),
          configFindings: checkConfigs(source.synapse, source.mas),
        });
      }),
      (report) => ({ outcome: 'ok', summary: `${dryRun ? 'Dry run' : 'Migration'} finished in ${Math.round(report.durationMs / 1000)} s` }),
    ),
};
