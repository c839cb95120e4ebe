import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import type { Customer360Section } from './customer360-section.ts';

export const customerRoutes =
  (_deps: ModuleDeps, _sections: readonly Customer360Section[]): FastifyPluginAsyncZod =>
  async () => {};
