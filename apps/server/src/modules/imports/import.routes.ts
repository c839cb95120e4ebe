import {
  IMPORT_MAX_FILE_BYTES,
  ZCreateImportRequest,
  ZCreatedImport,
  ZId,
  ZImportCommitRequest,
  ZImportDryRunRequest,
  ZImportJob,
  ZImportJobList,
  ZImportJobListQuery,
  ZImportMappingListQuery,
  ZImportRowErrorList,
  ZImportRowErrorListQuery,
  ZImportRunResult,
  ZProblem,
  ZSaveImportMappingRequest,
  ZSavedImportMapping,
  ZSavedImportMappingList,
} from '@anxin/contracts';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import type { BackgroundJobs } from '../../platform/jobs.ts';
import { answered } from '../../platform/http/answered.ts';
import { PREFERENCE_APPLIED, respondAsync, ZPreferHeaders } from '../../platform/http/prefer.ts';
import { DomainError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { exportRoutes } from './export.routes.ts';
import { spreadsheetSafe } from './export-writer.ts';
import { presentImportJob, presentRowError } from './import.presenter.ts';
import {
  cancelImport,
  commitImport,
  createImport,
  dryRunImport,
  getImport,
  iterateImportErrors,
  listImportErrors,
  listImportMappings,
  listImports,
  saveImportMapping,
  startCommit,
  startDryRun,
} from './import.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZIdParams = z.object({ id: ZId });
/** Base64 inflates by 4/3; allow the JSON envelope around a 20 MB file. */
const UPLOAD_BODY_LIMIT = Math.ceil((IMPORT_MAX_FILE_BYTES * 4) / 3) + 64 * 1024;

/** The header row of the error report (CSV). */
export const ERROR_REPORT_HEADER = ['row', 'column', 'field', 'value', 'code', 'message'];

function decodeBase64(content: string): Uint8Array {
  const compact = content.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new DomainError('IMPORT_FILE_INVALID', 'contentBase64 is not valid base64', [{ field: 'body.contentBase64', message: 'not valid base64', rule: 'file_not_base64' }]);
  }
  return Buffer.from(compact, 'base64');
}

export const importRoutes =
  (deps: ModuleDeps, options: { jobs: BackgroundJobs }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/imports',
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['imports'],
          summary: 'Upload a CSV/XLSX file (base64 in JSON, ≤ 20 MB) to start an import; returns the detected headers and suggested mapping',
          body: ZCreateImportRequest,
          response: { 201: ZCreatedImport, ...errors },
        },
      },
      async (request, reply) => {
        const { contentBase64, ...rest } = request.body;
        const created = await createImport(deps, actorOf(request), { ...rest, bytes: decodeBase64(contentBase64) });
        return reply.status(201).send({ ...created, job: presentImportJob(created.job) });
      },
    );
    app.get(
      '/api/v1/imports',
      { schema: { tags: ['imports'], summary: 'Import jobs of the caller’s subtree, newest first', querystring: ZImportJobListQuery, response: { 200: ZImportJobList, ...errors } } },
      async (request) => {
        const { rows, nextCursor } = await listImports(deps, actorOf(request), request.query);
        return { items: rows.map(presentImportJob), nextCursor };
      },
    );
    app.get(
      '/api/v1/imports/:id',
      { schema: { tags: ['imports'], summary: 'One import job with its counts and progress (poll while validating or committing)', params: ZIdParams, response: { 200: ZImportJob, ...errors } } },
      async (request) => presentImportJob(await getImport(deps, actorOf(request), request.params.id)),
    );
    app.post(
      '/api/v1/imports/:id/dry-run',
      {
        schema: {
          tags: ['imports'],
          summary: 'Validate every row exactly as a commit would, writing nothing; reports each bad row (with Prefer: respond-async: 202 and the job, validating)',
          params: ZIdParams,
          headers: ZPreferHeaders,
          body: ZImportDryRunRequest,
          response: { 200: ZImportRunResult, 202: ZImportJob, ...errors },
        },
      },
      async (request, reply) => {
        if (respondAsync(request.headers)) {
          const job = await startDryRun(deps, actorOf(request), options.jobs, request.params.id, request.body, answered(reply));
          return reply.status(202).header(PREFERENCE_APPLIED.name, PREFERENCE_APPLIED.value).send(presentImportJob(job));
        }
        const { job, errors: rowErrors } = await dryRunImport(deps, actorOf(request), request.params.id, request.body);
        return reply.send({ job: presentImportJob(job), errors: rowErrors });
      },
    );
    app.post(
      '/api/v1/imports/:id/commit',
      {
        schema: {
          tags: ['imports'],
          summary: 'Write the rows: mode "all" (all-or-nothing) or "valid" (valid rows only, invalid ones reported) (with Prefer: respond-async: 202 and the job, committing)',
          params: ZIdParams,
          headers: ZPreferHeaders,
          body: ZImportCommitRequest,
          response: { 200: ZImportRunResult, 202: ZImportJob, ...errors },
        },
      },
      async (request, reply) => {
        if (respondAsync(request.headers)) {
          const job = await startCommit(deps, actorOf(request), options.jobs, request.params.id, request.body, answered(reply));
          return reply.status(202).header(PREFERENCE_APPLIED.name, PREFERENCE_APPLIED.value).send(presentImportJob(job));
        }
        const { job, errors: rowErrors } = await commitImport(deps, actorOf(request), request.params.id, request.body);
        return reply.send({ job: presentImportJob(job), errors: rowErrors });
      },
    );
    app.post(
      '/api/v1/imports/:id/cancel',
      { schema: { tags: ['imports'], summary: 'Cancel an import that was not committed (its stored file is erased)', params: ZIdParams, response: { 200: ZImportJob, ...errors } } },
      async (request) => presentImportJob(await cancelImport(deps, actorOf(request), request.params.id)),
    );
    app.get(
      '/api/v1/imports/:id/errors',
      {
        schema: {
          tags: ['imports'],
          summary: 'Rejected rows of the latest dry run or commit (row, column, masked value, reason)',
          params: ZIdParams,
          querystring: ZImportRowErrorListQuery,
          response: { 200: ZImportRowErrorList, ...errors },
        },
      },
      async (request) => {
        const { rows, nextCursor } = await listImportErrors(deps, actorOf(request), request.params.id, request.query);
        return { items: rows.map(presentRowError), nextCursor };
      },
    );
    app.get(
      '/api/v1/imports/:id/errors.csv',
      {
        schema: {
          tags: ['imports'],
          summary: 'Download the error report as CSV (UTF-8 with BOM, opens in Excel)',
          params: ZIdParams,
          response: { 200: z.string().meta({ description: 'text/csv: row,column,field,value,code,message' }), ...errors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const job = await getImport(deps, actor, request.params.id);
        const batches = iterateImportErrors(deps, actor, job.id);
        async function* lines() {
          yield `\uFEFF${stringify([ERROR_REPORT_HEADER])}`;
          for await (const rows of batches) {
            yield stringify(rows.map((r) => [r.row_number, r.column_name ?? '', r.field ?? '', spreadsheetSafe(r.value ?? ''), r.code, r.message]));
          }
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="import-${job.id}-errors.csv"`)
          // A stream bypasses the response serializer; the 200 schema only documents the file.
          .send(Readable.from(lines()) as unknown as string);
      },
    );
    app.get(
      '/api/v1/import-mappings',
      { schema: { tags: ['imports'], summary: 'Column mappings saved per source system', querystring: ZImportMappingListQuery, response: { 200: ZSavedImportMappingList, ...errors } } },
      async (request) => {
        const rows = await listImportMappings(deps, actorOf(request), request.query);
        return { items: rows.map((r) => ({ kind: r.kind, source: r.source, mapping: r.mapping, updatedAt: r.updated_at.toISOString(), updatedByName: r.updated_by_name })) };
      },
    );
    app.put(
      '/api/v1/import-mappings',
      { schema: { tags: ['imports'], summary: 'Save the column mapping of a source system (create or replace)', body: ZSaveImportMappingRequest, response: { 200: ZSavedImportMapping, ...errors } } },
      async (request) => {
        const r = await saveImportMapping(deps, actorOf(request), request.body);
        return { kind: r.kind, source: r.source, mapping: r.mapping, updatedAt: r.updated_at.toISOString(), updatedByName: r.updated_by_name };
      },
    );
    await app.register(exportRoutes(deps));
  };
