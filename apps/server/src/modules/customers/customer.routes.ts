import {
  ZAddRelationshipRequest,
  ZContact,
  ZContactList,
  ZCreateContactRequest,
  ZCreateCustomerRequest,
  ZCustomer,
  ZCustomer360,
  ZCustomerList,
  ZCustomerListQuery,
  ZHousehold,
  ZId,
  ZProblem,
  ZRelationship,
  ZRelationshipList,
  ZUnmaskCustomerRequest,
  ZUnmaskedCustomer,
  ZUpdateContactRequest,
  ZUpdateCustomerRequest,
} from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { attributeRoutes } from './attribute.routes.ts';
import { consentRoutes } from './consent.routes.ts';
import { addContact, deleteContact, listContacts, updateContact } from './contact.service.ts';
import type { Customer360Section, CustomerSearchLookup } from './customer360-section.ts';
import { getCustomer360 } from './customer360.service.ts';
import { listCustomers } from './customer-search.service.ts';
import {
  presentAttributeDefinition,
  presentConsent,
  presentContact,
  presentCustomer,
  presentCustomerSummary,
  presentInteraction,
  presentRelationship,
} from './customer.presenter.ts';
import { createCustomer, getCustomer, unmaskCustomer, updateCustomer } from './customer.service.ts';
import { interactionRoutes } from './interaction.routes.ts';
import { addRelationship, getHousehold, listRelationships, removeRelationship } from './relationship.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });
const tags = ['customers'];

/** What the composition root plugs into the customers module: 360 sections and search lookups of other modules. */
export interface CustomerRouteOptions {
  sections?: readonly Customer360Section[];
  lookups?: readonly CustomerSearchLookup[];
}

export const customerRoutes =
  (deps: ModuleDeps, options: CustomerRouteOptions = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const sections = options.sections ?? [];
    const lookups = options.lookups ?? [];

    app.get(
      '/api/v1/customers',
      {
        schema: {
          tags,
          summary: 'Search and list customers (keyset pages); q matches name, pinyin, initials, mobile, ID number, policy number; attr.<key>= filters custom attributes',
          querystring: ZCustomerListQuery,
          response: { 200: ZCustomerList, ...errors },
        },
      },
      async (request) => {
        const page = await listCustomers(deps, actorOf(request), request.query, lookups);
        return { items: page.items.map(presentCustomerSummary), nextCursor: page.nextCursor };
      },
    );
    app.post(
      '/api/v1/customers',
      { schema: { tags, summary: 'Create a customer (person or organisation) with contacts and custom attributes', body: ZCreateCustomerRequest, response: { 201: ZCustomer, ...errors } } },
      async (request, reply) => reply.status(201).send(presentCustomer(await createCustomer(deps, actorOf(request), request.body))),
    );
    app.get(
      '/api/v1/customers/:id',
      { schema: { tags, summary: 'One customer’s profile (masked)', params: ZIdParams, response: { 200: ZCustomer, ...errors } } },
      async (request) => presentCustomer(await getCustomer(deps, actorOf(request), request.params.id)),
    );
    app.patch(
      '/api/v1/customers/:id',
      { schema: { tags, summary: 'Change a customer (with its version)', params: ZIdParams, body: ZUpdateCustomerRequest, response: { 200: ZCustomer, ...errors } } },
      async (request) => presentCustomer(await updateCustomer(deps, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/v1/customers/:id/360',
      { schema: { tags, summary: 'The customer 360° view (audited as customer.viewed)', params: ZIdParams, response: { 200: ZCustomer360, ...errors } } },
      async (request) => {
        const view = await getCustomer360(deps, actorOf(request), request.params.id, sections);
        return {
          customer: presentCustomer(view.customer),
          contacts: view.contacts.map(presentContact),
          household: view.household.map((m) => ({ customer: presentCustomerSummary(m.customer), relationType: m.relationType })),
          relationships: view.relationships.map(presentRelationship),
          consents: view.consents.map(presentConsent),
          interactions: { items: view.interactions.items.map(presentInteraction), nextCursor: view.interactions.nextCursor },
          tags: view.tags,
          attributes: view.attributes.map((a) => ({ definition: presentAttributeDefinition(a.definition), value: a.value })),
          value: view.value,
          sections: view.sections,
        };
      },
    );
    app.post(
      '/api/v1/customers/:id/unmask',
      {
        schema: {
          tags,
          summary: 'See sensitive fields in clear for a stated purpose (needs customer:unmask; audited as customer.unmasked)',
          params: ZIdParams,
          body: ZUnmaskCustomerRequest,
          response: { 200: ZUnmaskedCustomer, ...errors },
        },
      },
      async (request) => unmaskCustomer(deps, actorOf(request), request.params.id, request.body),
    );

    // Contacts
    const ZContactParams = z.object({ id: ZId, contactId: ZId });
    app.get(
      '/api/v1/customers/:id/contacts',
      { schema: { tags, summary: 'A customer’s contacts (masked)', params: ZIdParams, response: { 200: ZContactList, ...errors } } },
      async (request) => ({ items: (await listContacts(deps, actorOf(request), request.params.id)).map(presentContact) }),
    );
    app.post(
      '/api/v1/customers/:id/contacts',
      { schema: { tags, summary: 'Add a contact (mobile, landline, e-mail, address, WeChat)', params: ZIdParams, body: ZCreateContactRequest, response: { 201: ZContact, ...errors } } },
      async (request, reply) => reply.status(201).send(presentContact(await addContact(deps, actorOf(request), request.params.id, request.body))),
    );
    app.patch(
      '/api/v1/customers/:id/contacts/:contactId',
      { schema: { tags, summary: 'Change a contact (value, verified, preferred)', params: ZContactParams, body: ZUpdateContactRequest, response: { 200: ZContact, ...errors } } },
      async (request) => presentContact(await updateContact(deps, actorOf(request), request.params.id, request.params.contactId, request.body)),
    );
    app.delete(
      '/api/v1/customers/:id/contacts/:contactId',
      { schema: { tags, summary: 'Remove a contact', params: ZContactParams, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteContact(deps, actorOf(request), request.params.id, request.params.contactId);
        return reply.status(204).send(null);
      },
    );

    // Relationships and household
    app.get(
      '/api/v1/customers/:id/relationships',
      { schema: { tags, summary: 'A customer’s relationships (to customers the caller may see)', params: ZIdParams, response: { 200: ZRelationshipList, ...errors } } },
      async (request) => ({ items: (await listRelationships(deps, actorOf(request), request.params.id)).map(presentRelationship) }),
    );
    app.post(
      '/api/v1/customers/:id/relationships',
      {
        schema: {
          tags,
          summary: 'Link two customers both ways (type = what the related customer is to this one)',
          params: ZIdParams,
          body: ZAddRelationshipRequest,
          response: { 201: ZRelationship, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(presentRelationship(await addRelationship(deps, actorOf(request), request.params.id, request.body))),
    );
    app.delete(
      '/api/v1/customers/:id/relationships/:relationshipId',
      { schema: { tags, summary: 'Remove a relationship (both directions)', params: z.object({ id: ZId, relationshipId: ZId }), response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await removeRelationship(deps, actorOf(request), request.params.id, request.params.relationshipId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/v1/customers/:id/household',
      { schema: { tags, summary: 'The customer and its family members (spouse, children, parents)', params: ZIdParams, response: { 200: ZHousehold, ...errors } } },
      async (request) => {
        const household = await getHousehold(deps, actorOf(request), request.params.id);
        return { customer: presentCustomerSummary(household.customer), members: household.members.map((m) => ({ customer: presentCustomerSummary(m.customer), relationType: m.relationType })) };
      },
    );

    await app.register(consentRoutes(deps));
    await app.register(interactionRoutes(deps));
    await app.register(attributeRoutes(deps));
  };
