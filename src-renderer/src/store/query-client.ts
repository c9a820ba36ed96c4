import { QueryClient } from '@tanstack/react-query';
import { forgetQueriesOfProfilesThatLeft } from './profile-queries';
import { session } from './session';

/**
 * The renderer's cache of main's replies. A failed read is shown as main
 * reported it, not retried; main is local, so focus or reconnection is no
 * reason to read again.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    mutations: { retry: false },
  },
});

// What was read for a profile's settings is void once the open profile no longer has them.
session.subscribe(() => forgetQueriesOfProfilesThatLeft(queryClient, session.get().profile));
