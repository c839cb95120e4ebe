import { z } from 'zod';

/**
 * `Prefer: respond-async` (RFC 7240): the client asks for `202 Accepted` and a handle to poll at once
 * instead of waiting for long work. Routes that honour it declare these headers (documented in the
 * OpenAPI document; every other header passes through) and answer with `Preference-Applied`.
 */
export const ZPreferHeaders = z.looseObject({
  prefer: z
    .string()
    .optional()
    .meta({ description: '`respond-async`: answer 202 at once with what to poll, and run the work in the background' }),
});

/** True when the request's `Prefer` header holds `respond-async`. */
export const respondAsync = (headers: { prefer?: string }) => /(^|[,;\s])respond-async($|[,;\s=])/i.test(headers.prefer ?? '');

export const PREFERENCE_APPLIED = { name: 'preference-applied', value: 'respond-async' } as const;
