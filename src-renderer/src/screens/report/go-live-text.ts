import type { GoLiveStep } from '../../../../src-shared/domain/go-live';
import { plural } from '../../../../src-shared/text';
import type { StepItem } from '../../components/StepList';

const states: Record<GoLiveStep['verdict'], StepItem['state']> = { pass: 'ok', fail: 'failed', skipped: 'skipped' };

/** Each go-live step as a line of the step list: verdict, what was seen, the likely cause of a failure. */
export function goLiveItems(steps: readonly GoLiveStep[]): StepItem[] {
  return steps.map((s) => ({ id: s.id, label: s.label, state: states[s.verdict], detail: s.detail, cause: s.likelyCause }));
}

/** The check's outcome in one line. */
export function goLiveSummary(steps: readonly GoLiveStep[]): { tone: 'ok' | 'error'; title: string } {
  const failed = steps.filter((s) => s.verdict === 'fail').length;
  return failed
    ? { tone: 'error', title: `${plural(failed, 'step')} of ${steps.length} failed` }
    : { tone: 'ok', title: 'The homeserver is live on MAS, and existing sessions work' };
}

/** What is wrong with an address typed for the check; undefined when it will do (an empty optional one included). */
export function httpUrlProblem(value: string, required: boolean): string | undefined {
  const text = value.trim();
  if (!text) return required ? 'Give the URL.' : undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Give a full URL, e.g. https://matrix.example.org.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Give an http(s) URL.';
  if (url.username || url.password) return 'Give the URL without a user name or password.';
  return undefined;
}
