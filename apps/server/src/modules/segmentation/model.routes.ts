import { ZId, ZModel, ZModelList, ZModelScoreList, ZModelScoreQuery, ZProblem, ZScoreModelRequest, ZScoreModelResult, ZTrainModelRequest } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { activateModel, getModel, listModels, listModelScores, scoreModel, trainModel } from './model.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem };
const params = z.object({ id: ZId });

/** Churn and cross-sell models (S8): train versions, choose the active one, score customers, read the ranking. */
export const modelRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['segmentation'];
    app.post(
      '/api/v1/models/train',
      { schema: { tags, summary: 'Train a new version of a model: target and population are expressions; reports AUC and lift on a held-out part; accepts Idempotency-Key', body: ZTrainModelRequest, response: { 201: ZModel, ...errors } } },
      async (request, reply) => reply.code(201).send(await trainModel(deps, actorOf(request), request.body)),
    );
    app.get('/api/v1/models', { schema: { tags, summary: 'Every model version, by name, newest first', response: { 200: ZModelList, ...errors } } }, async (request) => listModels(deps, actorOf(request)));
    app.get('/api/v1/models/:id', { schema: { tags, summary: 'One model version with its features, weights and held-out figures', params, response: { 200: ZModel, ...errors } } }, async (request) =>
      getModel(deps, actorOf(request), request.params.id),
    );
    app.post('/api/v1/models/:id/activate', { schema: { tags, summary: 'Make this version the active one of its name', params, response: { 200: ZModel, ...errors } } }, async (request) =>
      activateModel(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/models/:id/score',
      { schema: { tags, summary: 'Score the customers in scope (optionally those matching an expression) with this version', params, body: ZScoreModelRequest, response: { 200: ZScoreModelResult, ...errors } } },
      async (request) => scoreModel(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/models/:id/scores',
      { schema: { tags, summary: 'The top-K customers by score, names masked, with the features behind each score (audited)', params, querystring: ZModelScoreQuery, response: { 200: ZModelScoreList, ...errors } } },
      async (request) => listModelScores(deps, actorOf(request), request.params.id, request.query),
    );
  };
