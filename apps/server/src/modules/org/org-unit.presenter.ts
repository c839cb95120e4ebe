import type { TOrgUnit } from '@anxin/contracts';
import type { listOrgUnitsInSubtree } from './org-unit.repository.ts';

type Row = Awaited<ReturnType<typeof listOrgUnitsInSubtree>>[number];

export function presentOrgUnit(row: Row): TOrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    code: row.code,
    name: row.name,
    status: row.status,
    staffCount: Number(row.staff_count ?? 0),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
