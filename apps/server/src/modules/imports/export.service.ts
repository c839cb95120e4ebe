import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TExportFormat } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { fieldErrorOfIssue } from '../../platform/http/zod-issues.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { writeExportFile } from './export-writer.ts';
import { EXPORT_SOURCES, type ExportKind } from './export-sources.ts';
import { assertCanExport } from './import.policy.ts';

/** Filter values that may hold personal data (a name, mobile or ID number typed into search) are not audited in clear. */
const FREE_TEXT_FILTERS = new Set(['q']);

/**
 * Exports the caller's filtered customer or policy list to a CSV/XLSX file at `filePath`, masked,
 * batch by batch, and records `export.created` with the filters and the row count.
 */
export async function exportList(
  deps: ModuleDeps,
  actor: Actor,
  input: { kind: ExportKind; format: TExportFormat; filters: Record<string, unknown>; path: string },
): Promise<{ rowCount: number }> {
  assertCanExport(actor);
  const source = EXPORT_SOURCES[input.kind];
  const parsed = source.filterSchema.safeParse(input.filters);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'the export filters are not valid',
      parsed.error.issues.map((i) => fieldErrorOfIssue('querystring', i)),
    );
  }
  const filters = parsed.data as Record<string, unknown>;
  const rowCount = await writeExportFile(input.path, input.format, await source.columns(deps, actor), source.batches(deps, actor, filters));
  await inTransaction(deps.db, (tx) =>
    recordAuditEvent(tx, actor, {
      action: 'export.created',
      entityType: input.kind === 'customers' ? 'customer' : 'policy',
      data: {
        kind: input.kind,
        format: input.format,
        rowCount,
        filters: Object.fromEntries(
          Object.entries(input.filters)
            .filter(([, v]) => v !== undefined && v !== '')
            .map(([k, v]) => [k, FREE_TEXT_FILTERS.has(k) || k.startsWith('attr.') ? '[search]' : v]),
        ),
      },
    }),
  );
  return { rowCount };
}

/** Exports to a temporary file and hands back its path and a cleanup function (for streaming to an HTTP client). */
export async function exportToTempFile(deps: ModuleDeps, actor: Actor, input: { kind: ExportKind; format: TExportFormat; filters: Record<string, unknown> }) {
  const filePath = path.join(tmpdir(), `anxin-export-${randomUUID()}.${input.format}`);
  try {
    const { rowCount } = await exportList(deps, actor, { ...input, path: filePath });
    return { filePath, rowCount, cleanup: () => rm(filePath, { force: true }) };
  } catch (error) {
    await rm(filePath, { force: true });
    throw error;
  }
}
