import { useEffect, useRef } from 'react';
import type { LogLine } from '../../store/migration-run-state';

/** The run's log, newest at the bottom, kept in view. */
export function LogPane({ lines }: { lines: readonly LogLine[] }) {
  const ref = useRef<HTMLPreElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever a line arrives
  useEffect(() => {
    ref.current?.scrollTo({ top: ref.current.scrollHeight });
  }, [lines.length]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, so keyboard users must reach it
    <pre ref={ref} className="log" role="log" aria-label="Migration log" tabIndex={0} data-testid="migration-log">
      {lines.map((l) => `${new Date(l.at).toLocaleTimeString()}  ${l.text}`).join('\n')}
    </pre>
  );
}
