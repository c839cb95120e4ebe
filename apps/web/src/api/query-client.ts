import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client.ts';

const endsSession = (error: unknown) => isApiError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'AUTH_SESSION_EXPIRED' || error.code === 'PORTAL_SESSION_EXPIRED');

/**
 * The console's query client. Client errors (4xx) are not retried — they will not go away — and a
 * request that finds the session gone hands over to `onSessionEnded` (back to the login page).
 */
export function createQueryClient(onSessionEnded: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error) => endsSession(error) && onSessionEnded() }),
    mutationCache: new MutationCache({ onError: (error) => endsSession(error) && onSessionEnded() }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
