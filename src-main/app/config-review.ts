import type { Finding } from '../../src-shared/domain/finding';
import type { ProfileView } from '../../src-shared/domain/profile';
import { AppError } from '../../src-shared/errors';
import { masView, synapseView } from '../engine/config/config-views';
import { touchesDexSecret } from '../engine/config/dex/dex-document';
import type { Draft, DraftStore } from '../engine/config/generate/draft-store';
import { checkSynapseAgainstMas } from '../engine/config/mas/mas-checks';
import { loadMasConfig } from '../engine/config/mas/mas-config';
import { applyEdits, type ConfigEdit } from '../engine/config/mas/mas-document';
import type { MasSchemaValidator } from '../engine/config/mas/mas-schema';
import { checkMasProviderIds } from '../engine/config/provider-checks';
import type { ProfileStore } from '../profiles/profile-store';
import { draftText } from './config-drafts';
import type { MigrationSource } from './sources/migration-source';

/** What the Configuration screen shows of a source's two configs (secrets masked). */
export function configViews(source: MigrationSource) {
  return { synapse: synapseView(source.synapse), mas: source.mas ? masView(source.mas) : null };
}

/** Applies the screen's edits to a draft (a MAS or a Dex config); secrets are never set from the renderer. */
export function editDraft(drafts: DraftStore, draftId: string, edits: readonly ConfigEdit[]): Draft {
  const draft = drafts.get(draftId, 'any');
  applyEdits(draft.document, edits, { allowSecrets: false, ...(draft.kind === 'dex' ? { touchesSecret: touchesDexSecret } : {}) });
  return draft;
}

/** A draft against MAS's published schema (when it is at hand) and our own checks of it. */
export async function validateDraft(draft: Draft, source: MigrationSource, validate: MasSchemaValidator | undefined) {
  return {
    schemaChecked: validate !== undefined,
    schemaProblems: validate ? validate(draft.document.toJS()) : [],
    findings: await draftFindings(draft, source),
  };
}

/** Our checks of a draft: its own provider IDs, and against Synapse's config. A draft that does not load is one error. */
async function draftFindings(draft: Draft, source: MigrationSource): Promise<Finding[]> {
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
  return [...checkMasProviderIds(mas), ...checkSynapseAgainstMas(source.synapse, mas)];
}

/** Where a profile's draft is saved: the path given, else the profile's MAS config file. */
export function masSaveTarget(profile: ProfileView, path: string | undefined): string {
  const target = path ?? profile.mas.configFiles.paths[0];
  if (!target)
    throw new AppError(
      'mas-config-path-missing',
      `Profile "${profile.name}" names no MAS config file to save to.`,
      'Give the path to save the MAS config at.',
    );
  return target;
}

/**
 * Once a draft is saved somewhere the profile did not name, that file becomes
 * the profile's MAS config; a saved Dex config's LDAP ID attribute becomes the
 * profile's, so check, migrate and verify link by the attribute Dex gives.
 */
export async function adoptMasPath(store: ProfileStore, profile: ProfileView, path: string, ldapIdAttribute?: string): Promise<void> {
  const named = profile.mas.configFiles.paths.includes(path);
  if (named && (ldapIdAttribute === undefined || profile.options.ldapIdAttribute === ldapIdAttribute)) return;
  const { id, createdAt: _c, updatedAt: _u, secretsSet: _s, trustedHostKeys: _t, history: _h, ...settings } = profile;
  await store.update(id, {
    ...settings,
    mas: named ? settings.mas : { ...settings.mas, configFiles: { ...settings.mas.configFiles, paths: [path] } },
    options: { ...settings.options, ...(ldapIdAttribute ? { ldapIdAttribute } : {}) },
  });
}
