import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../platform/deps.ts';

/** Routes of this part of segmentation (filled in by its slice). */
export const clusterRoutes =
  (_deps: ModuleDeps): FastifyPluginAsyncZod =>
  async () => {};
