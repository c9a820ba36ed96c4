export type Tone = 'ok' | 'warning' | 'error' | 'info' | 'running' | 'neutral';

/** A coloured dot and a word: the one way status is shown everywhere. */
export function StatusBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}
