import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';

export interface Action<A extends unknown[], R> {
  /** Runs the action; undefined when it failed (the failure is in `error`). */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: unknown;
  /** The result of the last run, once it succeeded. */
  data: R | undefined;
}

/** A named action (a mutation) run on a button press, with whether it is running, its result and how it failed. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const { mutateAsync, isPending, error, data } = useMutation({ mutationFn: (args: A) => action(...args) });
  const run = useCallback((...args: A) => mutateAsync(args).catch(() => undefined), [mutateAsync]);
  return { run, busy: isPending, error: error ?? undefined, data };
}
