/** Public API of the segmentation module: customer metrics, RFM and lifecycle segments, tags, tiers and entitlements, segments, clusters, models, risk alerts, blacklist. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import type { BackgroundJobs } from '../../platform/jobs.ts';
import { blacklistRoutes } from './blacklist.routes.ts';
import { clusterRoutes } from './cluster.routes.ts';
import { modelRoutes } from './model.routes.ts';
import { riskAlertRoutes } from './risk-alert.routes.ts';
import { segmentationCoreRoutes } from './segmentation.routes.ts';

/** Every route of the module; `jobs` runs the batch started by "Run now", and clusterings asked for with `Prefer: respond-async`, in this process. */
export const segmentationRoutes =
  (deps: ModuleDeps, options: { jobs: BackgroundJobs }): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(segmentationCoreRoutes(deps, options));
    await app.register(clusterRoutes(deps, options));
    await app.register(modelRoutes(deps));
    await app.register(riskAlertRoutes(deps));
    await app.register(blacklistRoutes(deps));
  };

export { readSegmentationSetting, readSegmentationSettings } from './settings.ts';
export { entitlementsOf, applyTiers } from './tiers.ts';
export { blacklistInEffect, blacklistedInEffect } from './blacklist.service.ts';
export { runSegmentationAsSystem, refreshCustomers } from './segmentation-run.ts';
export { customersInSegment } from './segment.service.ts';
export { trainModel, scoreModel, activateModel, listModels, getModel, getActiveModel, listModelScores } from './model.service.ts';
export { compileModelExpression, parseModelExpression } from './model-expression.ts';
export { runModelTrain, runModelScore } from './model-cli.ts';
export { runClusters } from './cluster.service.ts';
export { CLUSTER_JOB, runClusterJobAsSystem } from './cluster-job.ts';
