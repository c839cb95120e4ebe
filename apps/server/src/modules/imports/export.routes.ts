import { createReadStream } from 'node:fs';
import { ZProblem, type TExportFormat } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { EXPORT_SOURCES, EXPORT_KINDS } from './export-sources.ts';
import { exportToTempFile } from './export.service.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';

const CONTENT_TYPES: Record<TExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };

export const exportRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    for (const kind of EXPORT_KINDS) {
      for (const format of ['csv', 'xlsx'] as const) {
        app.get(
          `/api/v1/exports/${kind}.${format}`,
          {
            schema: {
              tags: ['exports'],
              summary: `Export the ${kind} list (same filters as the list) as ${format.toUpperCase()}: masked, in the caller’s scope, audited`,
              querystring: EXPORT_SOURCES[kind].filterSchema,
              response: { 200: z.string().meta({ description: `${CONTENT_TYPES[format]} file` }), ...errors },
            },
          },
          async (request, reply) => {
            const { filePath, cleanup } = await exportToTempFile(deps, actorOf(request), { kind, format, filters: request.query as Record<string, unknown> });
            const stream = createReadStream(filePath);
            stream.once('close', () => void cleanup());
            // The file is named by the day in China, where the user downloads it.
            const stamp = shanghaiDateOf(new Date());
            return reply
              .header('content-type', CONTENT_TYPES[format])
              .header('content-disposition', `attachment; filename="${kind}-${stamp}.${format}"`)
              // A stream bypasses the response serializer; the 200 schema only documents the file.
              .send(stream as unknown as string);
          },
        );
      }
    }
  };
