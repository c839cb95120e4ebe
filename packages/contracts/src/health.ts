import { z } from 'zod';

/** Liveness and database check. */
export const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
export type THealth = z.infer<typeof ZHealth>;
