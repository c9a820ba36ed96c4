import { useQuery } from '@tanstack/react-query';
import { client } from '../ipc/client';

/** Which build and host the renderer talks to. */
export function useAppInfo() {
  return useQuery({ queryKey: ['app-info'], queryFn: () => client().call('app.info', {}), staleTime: Number.POSITIVE_INFINITY });
}

/** Main's self-test: proves the event path, each step reported as it runs. */
export function runSelfTest(onStep: (label: string) => void) {
  return client().call('app.selfTest', { steps: 3 }, { onEvent: (e) => onStep(e.label) });
}
