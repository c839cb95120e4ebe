import { hasPermission, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';

/** Import needs `customer:import` (administrators, branch managers, CSRs). */
export function assertCanImport(actor: Actor): void {
  if (!hasPermission(actor, 'customer:import')) throw forbidden('Your role may not import data');
}

/** Export needs `customer:export` (administrators, branch managers, analysts). */
export function assertCanExport(actor: Actor): void {
  if (!hasPermission(actor, 'customer:export')) throw forbidden('Your role may not export data');
}

/** A row may only place records in org units inside the actor's subtree. */
export const isUnitInScope = (actor: Actor, unitPath: string) => unitPath.startsWith(actor.orgPath);
