import { AppError, databaseOpenFailures, directoryReadFailures, type ErrorCode } from '../../../../src-shared/errors';
import { usingSource } from '../../../app/sources/migration-source';
import { type LookupSide, testSourceLogin } from '../../../app/test-source-login';
import { testLoginClientId } from '../../../../src-shared/domain/test-login-client';
import { helpOption, parseOrHelp } from '../args';
import { openCliSource, sourceOptions, sourceUsage } from '../cli-source';
import { type CliIO, reportFailure } from '../cli-io';
import { exitCancelled } from './syn2mas-migrate';

export const syn2masTestLoginUsage = `Usage: mas-migrator syn2mas test-login --provider ID --config MAS.yaml --synapse-config homeserver.yaml [options]

Proves, before the cutover, which account a login through a MAS upstream provider lands on: prints
a URL to open in a browser, signs in there once as MAS will (a public client with PKCE and a
loopback redirect on 127.0.0.1), computes the subject with the provider's claims_imports.subject
template and looks it up in Synapse's user_external_ids (for the provider with synapse_idp_id: ldap,
also in the directory, by the migration's rule), or in MAS's upstream_oauth_links once MAS holds
migrated links for that provider. Nothing from the login is stored or printed but the verdict.
Ctrl-C cancels.

  --provider ID                    the provider's id (its ULID) in the MAS config
  --client-id ID                   the public client registered for test logins at the provider
                                   (default: ${testLoginClientId}, which the generated Dex config has)
  --after-migration                look the subject up in MAS even if it holds no link for the provider yet
  --before-migration               look the subject up in Synapse even if MAS already holds links
${sourceUsage}
  --help                           print this help

Exit codes: 0 the login is a migrated user's link, 13 it is linked to nobody (or the template gave
nothing or cannot be evaluated), 10 the login could not be completed (the provider refused it or is
unreachable, the ID token's signature is wrong, it timed out, a database or the directory cannot be read),
2 bad input (no such provider, usage), 130 cancelled, 1 unexpected failure.
`;

const options = {
  ...helpOption,
  ...sourceOptions,
  provider: { type: 'string' },
  'client-id': { type: 'string' },
  'after-migration': { type: 'boolean', default: false },
  'before-migration': { type: 'boolean', default: false },
} as const;

export const exitLinkedToNobody = 13;
const exitCannotLogin = 10;
const cannotLogin: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'login-timed-out',
  'login-provider-error',
  'login-bad-signature',
  ...databaseOpenFailures,
  ...directoryReadFailures,
]);

function lookupSide(after: boolean, before: boolean): LookupSide {
  if (after && before) throw new AppError('usage', 'syn2mas test-login: --after-migration and --before-migration exclude each other.');
  return after ? 'after' : before ? 'before' : 'auto';
}

/** `syn2mas test-login --provider ID` (SPEC §12). */
export async function runSyn2masTestLogin(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseOrHelp('syn2mas test-login', args, options, syn2masTestLoginUsage, io.stdout);
    if (!values) return 0;
    const providerId = values.provider;
    if (!providerId)
      throw new AppError('usage', 'syn2mas test-login: --provider ID is required.', "Give the provider's id as the MAS config has it.");
    const side = lookupSide(values['after-migration'] === true, values['before-migration'] === true);
    const verdict = await usingSource(
      () => openCliSource('syn2mas test-login', values, io.env),
      (source) => {
        const signal = io.interrupts?.();
        return testSourceLogin(source, {
          providerId,
          side,
          ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
          openUrl: (url) => {
            io.stderr.write(`Open this URL in a browser and sign in (Ctrl-C cancels):\n\n  ${url}\n\n`);
          },
          ...(signal ? { signal } : {}),
        });
      },
    );
    io.stdout.write(`${verdict.line}\n`);
    return verdict.kind === 'linked' ? 0 : exitLinkedToNobody;
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') {
      io.stderr.write('mas-migrator: test login cancelled.\n');
      return exitCancelled;
    }
    if (error instanceof AppError && cannotLogin.has(error.code)) {
      reportFailure(io, error);
      return exitCannotLogin;
    }
    return reportFailure(io, error);
  }
}
