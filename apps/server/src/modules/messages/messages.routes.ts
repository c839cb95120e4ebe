import { ZId, ZMessageList, ZMessageListQuery, ZOutboxList, ZProblem } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { readDevInbox } from './dev-inbox.service.ts';
import { listMessages } from './message.service.ts';

export interface MessageRouteOptions {
  /** config.devInbox: register the development inbox (never in production). */
  devInbox: boolean;
}

export const messageRoutes =
  (deps: ModuleDeps, options: MessageRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/messages',
      {
        schema: {
          tags: ['messages'],
          summary: 'The message log: messages to customers in the caller’s scope with delivery status, newest first (read audited)',
          querystring: ZMessageListQuery,
          response: { 200: ZMessageList, 400: ZProblem, 401: ZProblem, 403: ZProblem },
        },
      },
      async (request) => listMessages(deps, actorOf(request), request.query, { showSecrets: options.devInbox }),
    );
    if (!options.devInbox) return;
    app.get(
      '/api/v1/messages/dev-inbox',
      {
        schema: {
          tags: ['messages'],
          summary: 'Development only: messages queued for customers (SMS, e-mail), newest first, one-time codes readable',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), customerId: ZId.optional() }),
          response: { 200: ZOutboxList, 401: ZProblem, 403: ZProblem },
        },
      },
      async (request) => ({ items: await readDevInbox(deps, actorOf(request), request.query) }),
    );
  };
