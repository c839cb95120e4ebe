import { ZCreateProductRequest, ZId, ZProblem, ZProduct, ZProductList, ZProductListQuery, ZUpdateProductRequest } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { presentProduct } from './product.presenter.ts';
import { createProduct, getProduct, listProducts, updateProduct } from './product.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });

export const productRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/products',
      { schema: { tags: ['products'], summary: 'The product catalogue (by line and code)', querystring: ZProductListQuery, response: { 200: ZProductList, ...errors } } },
      async (request) => ({ items: (await listProducts(deps, actorOf(request), request.query)).map(presentProduct) }),
    );
    app.post(
      '/api/v1/products',
      { schema: { tags: ['products'], summary: 'Add a product with its coverages and claim-document checklist', body: ZCreateProductRequest, response: { 201: ZProduct, ...errors } } },
      async (request, reply) => reply.status(201).send(presentProduct(await createProduct(deps, actorOf(request), request.body))),
    );
    app.get(
      '/api/v1/products/:id',
      { schema: { tags: ['products'], summary: 'One product', params: ZIdParams, response: { 200: ZProduct, ...errors } } },
      async (request) => presentProduct(await getProduct(deps, actorOf(request), request.params.id)),
    );
    app.patch(
      '/api/v1/products/:id',
      { schema: { tags: ['products'], summary: 'Change or deactivate a product', params: ZIdParams, body: ZUpdateProductRequest, response: { 200: ZProduct, ...errors } } },
      async (request) => presentProduct(await updateProduct(deps, actorOf(request), request.params.id, request.body)),
    );
  };
