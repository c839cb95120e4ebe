import { ZCreateInteractionRequest, ZId, ZInteraction, ZInteractionList, ZInteractionListQuery, ZProblem } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { presentInteraction } from './customer.presenter.ts';
import { listInteractions, logInteraction } from './interaction.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });
const tags = ['interactions'];

export const interactionRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/customers/:id/interactions',
      { schema: { tags, summary: 'The interaction timeline, newest first', params: ZIdParams, querystring: ZInteractionListQuery, response: { 200: ZInteractionList, ...errors } } },
      async (request) => {
        const page = await listInteractions(deps, actorOf(request), request.params.id, request.query);
        return { items: page.items.map(presentInteraction), nextCursor: page.nextCursor };
      },
    );
    app.post(
      '/api/v1/customers/:id/interactions',
      { schema: { tags, summary: 'Log a touchpoint (phone, counter, visit, app, web, WeChat, SMS, e-mail, bot)', params: ZIdParams, body: ZCreateInteractionRequest, response: { 201: ZInteraction, ...errors } } },
      async (request, reply) => reply.status(201).send(presentInteraction(await logInteraction(deps, actorOf(request), request.params.id, request.body))),
    );
  };
