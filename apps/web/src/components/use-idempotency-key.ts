import { useCallback, useState } from 'react';
import { isApiError, newIdempotencyKey } from '../api/client.ts';

/**
 * The server keeps its answer to a keyed request unless the answer was transient (409, 429, 5xx) or
 * never arrived. After a kept answer — a refusal the user then corrects — the next submission is a
 * new request and needs a new key: sent with the old one it would be refused as a reuse
 * (`IDEMPOTENCY_KEY_REUSED`).
 */
export const answerIsKept = (error: unknown) => isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 429;

/**
 * The Idempotency-Key of one form's submission: the same while it is retried (a lost answer, a
 * double click), a new one after the server kept an answer (`renewAfter` in the mutation's onError).
 */
export function useIdempotencyKey(): { key: string; renewAfter: (error: unknown) => void } {
  const [key, setKey] = useState(newIdempotencyKey);
  const renewAfter = useCallback((error: unknown) => {
    if (answerIsKept(error)) setKey(newIdempotencyKey());
  }, []);
  return { key, renewAfter };
}
