/** Public API of the segmentation module: customer metrics, RFM and lifecycle segments, tags, tiers and entitlements, segments, clusters, models, risk alerts, blacklist. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { blacklistRoutes } from './blacklist.routes.ts';
import { clusterRoutes } from './cluster.routes.ts';
import { modelRoutes } from './model.routes.ts';
import { riskAlertRoutes } from './risk-alert.routes.ts';

/** Every route of the module. */
export const segmentationRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(clusterRoutes(deps));
    await app.register(modelRoutes(deps));
    await app.register(riskAlertRoutes(deps));
    await app.register(blacklistRoutes(deps));
  };

export { readSegmentationSetting, readSegmentationSettings } from './settings.ts';
