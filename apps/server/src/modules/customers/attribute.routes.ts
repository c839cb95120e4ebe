import { ZAttributeDefinition, ZAttributeDefinitionList, ZCreateAttributeDefinitionRequest, ZId, ZProblem, ZUpdateAttributeDefinitionRequest } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { createAttributeDefinition, deleteAttributeDefinition, listAttributeDefinitions, updateAttributeDefinition } from './attribute.service.ts';
import { presentAttributeDefinition } from './customer.presenter.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });
const tags = ['customer-attributes'];

export const attributeRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/customer-attributes',
      { schema: { tags, summary: 'Custom customer attribute definitions', response: { 200: ZAttributeDefinitionList, ...errors } } },
      async (request) => ({ items: (await listAttributeDefinitions(deps, actorOf(request))).map(presentAttributeDefinition) }),
    );
    app.post(
      '/api/v1/customer-attributes',
      { schema: { tags, summary: 'Define a typed custom attribute (administrators)', body: ZCreateAttributeDefinitionRequest, response: { 201: ZAttributeDefinition, ...errors } } },
      async (request, reply) => reply.status(201).send(presentAttributeDefinition(await createAttributeDefinition(deps, actorOf(request), request.body))),
    );
    app.patch(
      '/api/v1/customer-attributes/:id',
      { schema: { tags, summary: 'Change an attribute’s labels, options and flags', params: ZIdParams, body: ZUpdateAttributeDefinitionRequest, response: { 200: ZAttributeDefinition, ...errors } } },
      async (request) => presentAttributeDefinition(await updateAttributeDefinition(deps, actorOf(request), request.params.id, request.body)),
    );
    app.delete(
      '/api/v1/customer-attributes/:id',
      { schema: { tags, summary: 'Remove an attribute definition (stored values are hidden, not erased)', params: ZIdParams, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteAttributeDefinition(deps, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
