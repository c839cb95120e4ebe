import { ZClusterJob, ZClusterRun, ZClusterRunList, ZProblem, ZRenameClusterRequest, ZRunClustersRequest, ZSaveClusterSegmentRequest, ZSegment } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { answered } from '../../platform/http/answered.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { PREFERENCE_APPLIED, respondAsync, ZPreferHeaders } from '../../platform/http/prefer.ts';
import type { BackgroundJobs } from '../../platform/jobs.ts';
import { getClusterJob, requestClusterRun, runClustersWaiting } from './cluster-job.ts';
import { getClusterRun, listClusterRuns, renameCluster, saveClusterAsSegment } from './cluster.service.ts';
import { getSegment } from './segment.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZClusterParams = z.object({ runId: z.uuid(), no: z.coerce.number().int().min(0).max(20) });
const ZJobParams = z.object({ jobId: z.string().max(20) });

/** Clusters (S3): run k-means, read runs, name clusters, save a cluster as a segment. */
export const clusterRoutes =
  (deps: ModuleDeps, options: { jobs: BackgroundJobs }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['segmentation'];
    app.post(
      '/api/v1/clusters/run',
      {
        schema: {
          tags,
          summary:
            'Cluster customers (k-means on standardised features, k chosen by silhouette) and make the run active; with Prefer: respond-async, answer 202 with the job at once (poll GET /clusters/jobs/{jobId}); without it, wait for the run. One clustering runs at a time: a request without the header while one runs gets 409 CLUSTERING_RUNNING',
          headers: ZPreferHeaders,
          body: ZRunClustersRequest,
          response: { 200: ZClusterRun, 202: ZClusterJob, ...errors },
        },
      },
      async (request, reply) => {
        if (respondAsync(request.headers)) {
          const job = await requestClusterRun(deps, actorOf(request), options.jobs, request.body, new Date(), answered(reply));
          return reply.status(202).header(PREFERENCE_APPLIED.name, PREFERENCE_APPLIED.value).send(job);
        }
        return reply.send(await runClustersWaiting(deps, actorOf(request), options.jobs, request.body));
      },
    );
    app.get('/api/v1/clusters/jobs/:jobId', { schema: { tags, summary: 'A clustering started with Prefer: respond-async (poll until done or failed; result names the cluster run)', params: ZJobParams, response: { 200: ZClusterJob, ...errors } } }, async (request) =>
      getClusterJob(deps, actorOf(request), request.params.jobId),
    );
    app.get('/api/v1/clusters', { schema: { tags, summary: 'The last cluster runs, newest first', response: { 200: ZClusterRunList, ...errors } } }, async (request) => listClusterRuns(deps, actorOf(request)));
    app.get('/api/v1/clusters/active', { schema: { tags, summary: 'The active cluster run (404 before the first)', response: { 200: ZClusterRun, ...errors } } }, async (request) => getClusterRun(deps, actorOf(request), 'active'));
    app.patch('/api/v1/clusters/:runId/clusters/:no', { schema: { tags, summary: 'Name a cluster', params: ZClusterParams, body: ZRenameClusterRequest, response: { 200: ZClusterRun, ...errors } } }, async (request) =>
      renameCluster(deps, actorOf(request), request.params.runId, request.params.no, request.body.name),
    );
    app.post('/api/v1/clusters/:runId/clusters/:no/segment', { schema: { tags, summary: 'Save a cluster as a segment', params: ZClusterParams, body: ZSaveClusterSegmentRequest, response: { 201: ZSegment, ...errors } } }, async (request, reply) => {
      const actor = actorOf(request);
      const id = await saveClusterAsSegment(deps, actor, request.params.runId, request.params.no, request.body);
      return reply.code(201).send(await getSegment(deps, actor, id));
    });
  };
