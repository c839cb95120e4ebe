import type { TCreateOrgUnitRequest, TOrgLevel, TUpdateOrgUnitRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { canManageOrgUnit, canReadOrg, isInScope, mayManageOrgUnits } from './org.policy.ts';
import {
  countActiveChildrenAndStaff,
  findOrgUnitByCode,
  findOrgUnitById,
  insertOrgUnit,
  listOrgUnitsInSubtree,
  updateOrgUnit as updateOrgUnitRow,
} from './org-unit.repository.ts';

/** The only level a child of each level may have: head office → province → city → outlet. */
export const CHILD_LEVEL: Record<TOrgLevel, TOrgLevel | null> = { hq: 'province', province: 'city', city: 'outlet', outlet: null };

/** The org units the actor may see: its own unit and everything below it. */
export async function listOrgUnits(db: Executor, actor: Actor) {
  if (!canReadOrg(actor)) throw forbidden('You may not view the organisation');
  return listOrgUnitsInSubtree(db, actor.orgPath);
}

/** Opens a new branch or outlet under a unit in the actor's subtree. */
export async function createOrgUnit(db: Executor, actor: Actor, input: TCreateOrgUnitRequest) {
  if (!mayManageOrgUnits(actor)) throw forbidden('You may not create org units');
  return inTransaction(db, async (tx) => {
    const parent = await findOrgUnitById(tx, input.parentId);
    if (!parent || !isInScope(actor, parent.path)) throw fieldError('body.parentId', rule('not_found', 'parent org unit not found'), 'NOT_FOUND');
    if (!canManageOrgUnit(actor, parent.path)) throw forbidden('You may not create org units here');
    const expected = CHILD_LEVEL[parent.level];
    if (expected !== input.level) {
      throw new DomainError(
        'ORG_INVALID_PARENT',
        expected ? `A ${input.level} unit cannot be placed under a ${parent.level} unit; expected level ${expected}` : `No unit can be placed under an ${parent.level}`,
        [{ field: 'body.level', message: expected ? `must be ${expected} under a ${parent.level}` : `${parent.level} units have no children`, rule: 'level_not_allowed' }],
      );
    }
    if (parent.status !== 'active') throw fieldError('body.parentId', rule('org_unit_closed', 'parent org unit is closed'), 'ORG_INVALID_PARENT');
    if (await findOrgUnitByCode(tx, input.code)) throw fieldError('body.code', rule('duplicate', `code ${input.code} is already used`, { value: input.code }), 'DUPLICATE');
    const id = newId();
    const unit = await insertOrgUnit(tx, { id, parent_id: parent.id, level: input.level, code: input.code, name: input.name, path: `${parent.path}${id}/` });
    await recordAuditEvent(tx, actor, { action: 'org_unit.created', entityType: 'org_unit', entityId: id, data: { code: input.code, level: input.level, parentId: parent.id } });
    return { ...unit, staff_count: 0 };
  });
}

/** Renames or closes a unit below the actor's own; a unit with active children or staff cannot close. */
export async function updateOrgUnit(db: Executor, actor: Actor, id: string, input: TUpdateOrgUnitRequest) {
  if (!mayManageOrgUnits(actor)) throw forbidden('You may not change org units');
  return inTransaction(db, async (tx) => {
    const unit = await findOrgUnitById(tx, id);
    if (!unit || !isInScope(actor, unit.path)) throw notFound('Org unit');
    if (!canManageOrgUnit(actor, unit.path) || unit.id === actor.orgUnitId) throw forbidden('You may not change this org unit');
    if (input.status === 'closed' && unit.status !== 'closed') {
      const { children, staff } = await countActiveChildrenAndStaff(tx, id);
      if (children > 0 || staff > 0) {
        throw new DomainError('ORG_UNIT_NOT_EMPTY', `The unit still has ${children} active sub-units and ${staff} active staff`);
      }
    }
    const updated = await updateOrgUnitRow(tx, id, input.version, { name: input.name, status: input.status });
    if (!updated) throw versionConflict('Org unit');
    await recordAuditEvent(tx, actor, {
      action: 'org_unit.updated',
      entityType: 'org_unit',
      entityId: id,
      data: { changed: Object.keys(input).filter((k) => k !== 'version'), status: updated.status },
    });
    const [withCount] = (await listOrgUnitsInSubtree(tx, updated.path)).filter((u) => u.id === id);
    return withCount!;
  });
}
