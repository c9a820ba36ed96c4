import { type GoLiveStep, goLiveExitCode } from '../../../../src-shared/domain/go-live';
import { AppError } from '../../../../src-shared/errors';
import { checkGoLive } from '../../../app/prove-migration';
import { helpOption, parseOrHelp } from '../args';
import { type CliIO, reportFailure } from '../cli-io';
import { readSecretLine, SecretInputCancelled } from '../secret-input';
import { exitCancelled } from './syn2mas-migrate';

export const syn2masGoLiveCheckUsage = `Usage: mas-migrator syn2mas go-live-check --homeserver URL [--mas URL]

After the cutover, from your workstation: checks that the homeserver's client API answers, that it
names MAS as its authorization server (auth_metadata), that legacy /login, /logout and /refresh reach
MAS, that MAS answers its health check, and that an access token from before the migration still
works (whoami returns its user and device). Each step prints a verdict and, when it fails, the
likely cause.

The access token is read from standard input (one line, not echoed on a terminal): paste one of your
own sessions from before the migration (in Element: Settings, Help & About, Access token). It is
sent only to the homeserver's whoami, never printed or stored.

  --homeserver URL    the homeserver's client API base URL, e.g. https://matrix.example.org
  --mas URL           a MAS listener serving the health resource (MAS's default is the internal
                      listener, http://localhost:8081); without it that step is skipped
  --help              print this help

Exit codes: 0 every step passed (or was skipped), 12 a step failed, 2 bad input, 130 cancelled.
`;

const options = {
  ...helpOption,
  homeserver: { type: 'string' },
  mas: { type: 'string' },
} as const;

function httpUrl(option: string, value: string | undefined): URL {
  let url: URL | undefined;
  try {
    url = value ? new URL(value) : undefined;
  } catch {}
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password) return url;
  throw new AppError(
    'usage',
    value ? `syn2mas go-live-check: --${option} "${value}" is not an http(s) URL.` : `syn2mas go-live-check: --${option} URL is required.`,
    `Give --${option} as e.g. https://matrix.example.org.`,
  );
}

const marks: Record<GoLiveStep['verdict'], string> = { pass: '✓', fail: '✗', skipped: '–' };

function stepLines(step: GoLiveStep): string[] {
  const verdict = step.verdict === 'skipped' ? 'skipped: ' : '';
  return [
    `${marks[step.verdict]} ${step.label}: ${verdict}${step.detail}`,
    ...(step.likelyCause ? [`    likely cause: ${step.likelyCause}`] : []),
  ];
}

/** `syn2mas go-live-check` (SPEC §10). */
export async function runSyn2masGoLiveCheck(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseOrHelp('syn2mas go-live-check', args, options, syn2masGoLiveCheckUsage, io.stdout);
    if (!values) return 0;
    const homeserver = httpUrl('homeserver', values.homeserver);
    const mas = values.mas === undefined ? undefined : httpUrl('mas', values.mas);
    if (!io.stdin) throw new AppError('usage', 'syn2mas go-live-check: no standard input to read the access token from.');
    const token = (
      await readSecretLine(io.stdin, io.stderr, 'access token', 'Access token (one of your sessions from before the migration): ')
    ).trim();
    // A header value the HTTP client rejects would be quoted in its error: refuse it here, without echoing it.
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new AppError(
        'usage',
        'The access token on standard input holds spaces or characters no access token has.',
        'Paste the token alone, on one line.',
      );
    }
    const steps = await checkGoLive({ homeserver, ...(mas ? { mas } : {}), accessToken: token });
    const failed = steps.filter((s) => s.verdict === 'fail').length;
    const summary = failed ? `${failed} of ${steps.length} steps failed.` : 'The homeserver is live on MAS, and existing sessions work.';
    io.stdout.write(`${[...steps.flatMap(stepLines), '', summary].join('\n')}\n`);
    return goLiveExitCode(steps);
  } catch (error) {
    if (error instanceof SecretInputCancelled) return exitCancelled;
    return reportFailure(io, error);
  }
}
