import { z } from 'zod';
import { AppError } from '../../../../src-shared/errors';

/** Where Synapse's pysaml2 reads the IdP metadata from (`saml2_config.sp_config.metadata`). */
export type MetadataSource = { kind: 'file'; path: string } | { kind: 'url'; url: string };

const SynapseSaml = z.looseObject({
  sp_config: z
    .looseObject({
      entityid: z.string().nullish(),
      metadata: z
        .looseObject({
          local: z.union([z.string(), z.array(z.string())]).nullish(),
          remote: z.array(z.looseObject({ url: z.string() })).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  idp_entityid: z.string().nullish(),
});

/** What SPEC §12's two routes read from Synapse's `saml2_config`. */
export interface SynapseSamlSettings {
  metadata: MetadataSource[];
  /** `idp_entityid`: which IdP of the metadata Synapse uses. */
  idpEntityId?: string;
  /** `sp_config.entityid`: the entity ID the IdP knows Synapse's service by. */
  spEntityId?: string;
}

export function synapseSamlSettings(saml2Config: unknown): SynapseSamlSettings {
  const parsed = SynapseSaml.safeParse(saml2Config);
  if (!parsed.success)
    throw new AppError(
      'config-invalid',
      `saml2_config in the Synapse config is not as Synapse documents it: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}.`,
      'Fix saml2_config.sp_config.metadata (local: a list of files; remote: a list of {url}).',
    );
  const c = parsed.data;
  const local = c.sp_config?.metadata?.local;
  const metadata: MetadataSource[] = [
    ...(typeof local === 'string' ? [local] : (local ?? [])).map((path) => ({ kind: 'file' as const, path })),
    ...(c.sp_config?.metadata?.remote ?? []).map(({ url }) => ({ kind: 'url' as const, url })),
  ];
  if (metadata.length === 0)
    throw new AppError(
      'saml-metadata',
      'saml2_config.sp_config.metadata names no IdP metadata (no local file, no remote URL).',
      "Dex's saml connector is built from the IdP's metadata: name it as Synapse does, or use the IdP's OpenID Connect side.",
    );
  return {
    metadata,
    ...(c.idp_entityid ? { idpEntityId: c.idp_entityid } : {}),
    ...(c.sp_config?.entityid ? { spEntityId: c.sp_config.entityid } : {}),
  };
}
