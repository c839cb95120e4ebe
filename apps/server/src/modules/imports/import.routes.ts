import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../platform/deps.ts';

export const importRoutes =
  (_deps: ModuleDeps): FastifyPluginAsyncZod =>
  async () => {};
