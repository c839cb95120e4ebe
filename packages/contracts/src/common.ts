import { z } from 'zod';

/** A UUID (v7 for records Anxin creates). */
export const ZId = z.uuid();

/** ISO-8601 instant in UTC, e.g. `2026-11-22T08:00:00.000Z`. */
export const ZInstant = z.iso.datetime({ offset: true });

/** Calendar date without time, e.g. `2026-11-22`. */
export const ZDate = z.iso.date();

/** Standard paging query: `page` starts at 1. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

/** A page of results with the total count for the paginator. */
export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Optimistic-concurrency token carried by every updatable record. */
export const ZVersion = z.number().int().min(1);

/**
 * What every run of long work a request started as a job shows (the segmentation batch, a walk of
 * the audit chain): `queued` (due, waiting for a worker, or waiting to retry after a failure),
 * `running`, `done`, `failed` (after its last attempt).
 */
export const JOB_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const ZJobRun = z.object({
  id: z.string(),
  status: z.enum(JOB_RUN_STATUSES),
  /** Username of whoever started it (null for scheduled work). */
  requestedBy: z.string().nullable(),
  requestedAt: ZInstant,
  /** When it is (or was) due; after a failed attempt, when it is tried again. */
  runAt: ZInstant,
  finishedAt: ZInstant.nullable(),
  attempts: z.number().int(),
  /** The last failed attempt's error. */
  error: z.string().nullable(),
});

