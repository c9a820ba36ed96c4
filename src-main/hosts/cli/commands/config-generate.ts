import { samlIdpSideProvider, withSamlIdpSide } from '../../../app/bridge-configs';
import { generateConfig, saveConfigs } from '../../../app/config-drafts';
import { generateConfigWithDex, saveDexConfig } from '../../../app/directory-configs';
import { openFileSource } from '../../../app/sources/file-source';
import { usingSource } from '../../../app/sources/migration-source';
import { helpOption, parseOrHelp, requireFiles } from '../args';
import { type CliIO, reportFailure } from '../cli-io';
import { samlIdpFlagNames, samlIdpRoute } from '../saml-idp-route';
import { SecretInputCancelled } from '../secret-input';
import { exitCancelled } from './syn2mas-migrate';

export const configGenerateUsage = `Usage: mas-migrator config generate --synapse-config homeserver.yaml [--output mas.yaml]
         [--saml-issuer URL --saml-client-id ID [--saml-client-secret-stdin] [--saml-uid-claim CLAIM]]
         [--dex-output dex.yaml [--dex-issuer URL] [--ldap-id-attribute A]] [--force]

Generates a complete MAS config (fresh secrets and keys) from Synapse's, and
lists what could not be carried over.

  --synapse-config FILE   Synapse config file, or folder of *.yaml files such as conf.d
                          (repeat to merge several, in order, as Synapse does)
  --output FILE           write the MAS config there instead of to standard output
  --synapse-section FILE  also write the matrix_authentication_service section for homeserver.yaml
  --dex-output FILE       LDAP (matrix-synapse-ldap3) and SAML (saml2_config): also write Dex's config
                          there (its ldap and saml connectors, the latter from the IdP metadata that
                          sp_config names), and add the providers for Dex (synapse_idp_id: ldap, saml)
                          to the MAS config. For SAML, the IdP's own OIDC side is safer than Dex's
                          saml connector (see the saml-dex-connector warning): give --saml-issuer
  --dex-issuer URL        Dex's public URL (its issuer), e.g. https://dex.example.org/dex (required for SAML)
  --saml-issuer URL       SAML (saml2_config) through the identity provider's own OpenID Connect side
                          (preferred): add a provider with synapse_idp_id: saml, that issuer, and
                          the client below. It replaces Dex's saml connector: with --dex-output,
                          Dex's config then carries the directory (LDAP) only
  --saml-client-id ID     the client registered for MAS at the identity provider (required with --saml-issuer)
  --saml-client-secret-stdin
                          read that client's secret from standard input (one line, not echoed on a
                          terminal; never printed except in the MAS config itself); without it MAS
                          is a public client (token_endpoint_auth_method: none)
  --saml-uid-claim CLAIM  the ID token claim holding the SAML uid attribute, which Synapse stored as
                          each link (default: preferred_username); the subject template is {{ user.CLAIM }}
  --ldap-id-attribute A   the directory attribute Dex gives as the user's ID (default: the
                          module's uid attribute; entryUUID survives renames)
  --force                 overwrite existing files (a timestamped .bak-… copy is kept)
  --help                  print this help

Exit codes: 0 generated (warnings go to standard error), 2 bad input or a file that would be overwritten, 1 unexpected failure, 130 cancelled (Ctrl-C at the client secret prompt).
`;

const options = {
  ...helpOption,
  'synapse-config': { type: 'string', multiple: true },
  output: { type: 'string' },
  'synapse-section': { type: 'string' },
  'dex-output': { type: 'string' },
  'dex-issuer': { type: 'string' },
  'ldap-id-attribute': { type: 'string' },
  'saml-issuer': { type: 'string' },
  'saml-client-id': { type: 'string' },
  'saml-client-secret-stdin': { type: 'boolean', default: false },
  'saml-uid-claim': { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

/** `config generate` (SPEC §7/§8). Never overwrites a file without --force. */
export async function runConfigGenerate(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseOrHelp('config generate', args, options, configGenerateUsage, io.stdout);
    if (!values) return 0;
    const synapseConfig = requireFiles('config generate', 'synapse-config', values['synapse-config']);
    const section = values['synapse-section'];
    const dexOutput = values['dex-output'];
    // Checked before any file is read or the secret asked for; errors name the flags.
    const saml = samlIdpRoute(values, io);
    const { generated, saved, samlProvider } = await usingSource(
      () => openFileSource({ synapseConfig, masConfig: [], cwd: process.cwd(), ignoreMissingAuthProviders: false, env: io.env }),
      async (source) => {
        // Asked once Synapse's config has loaded, so a bad file is named before anyone types the secret.
        const samlProvider = saml ? samlIdpSideProvider(await saml(), samlIdpFlagNames) : undefined;
        // Route (a) wins for SAML, as on the Identity providers screen: Dex then carries the directory only.
        const withDex = dexOutput
          ? await generateConfigWithDex(
              source,
              {
                ...(values['dex-issuer'] ? { dexIssuer: values['dex-issuer'] } : {}),
                ...(values['ldap-id-attribute'] ? { idAttribute: values['ldap-id-attribute'] } : {}),
              },
              samlProvider ? { saml: false } : {},
            )
          : undefined;
        const base = withDex?.mas ?? (await generateConfig(source));
        const generated = samlProvider ? withSamlIdpSide(base, samlProvider) : base;
        const targets = { ...(values.output ? { mas: values.output } : {}), ...(section ? { synapseSection: { path: section } } : {}) };
        // Nothing is written when any target exists (without --force): Dex's file is checked with the others, first.
        const others = [values.output, section].filter((p) => p !== undefined);
        const dexSaved =
          dexOutput && withDex
            ? [await saveDexConfig(source, dexOutput, withDex.dexYaml, { overwrite: values.force, alsoNew: others })]
            : [];
        const saved = [
          ...dexSaved,
          ...(await saveConfigs(source, generated.document, generated.yaml, { ...targets, overwrite: values.force })),
        ];
        return { generated, saved, samlProvider };
      },
    );
    if (!values.output) io.stdout.write(generated.yaml);
    const what = (path: string) =>
      path === values.output ? 'the MAS config' : path === values['dex-output'] ? "Dex's config" : 'the homeserver.yaml section';
    const written = saved.map((s) => `Wrote ${what(s.path)} to ${s.path}${s.backup ? ` (previous file kept as ${s.backup})` : ''}.`);
    const warnings = generated.warnings.map((w) => `warning [${w.id}] ${w.message}${w.source ? `\n    at: ${w.source}` : ''}\n`);
    const notes =
      samlProvider && dexOutput
        ? ["SAML goes through the identity provider's OpenID Connect side (--saml-issuer); Dex's config carries the directory only.\n"]
        : [];
    io.stderr.write(`${warnings.join('')}${notes.join('')}${written.map((line) => `${line}\n`).join('')}`);
    return 0;
  } catch (error) {
    if (error instanceof SecretInputCancelled) return exitCancelled;
    return reportFailure(io, error);
  }
}
