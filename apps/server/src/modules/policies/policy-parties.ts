// Resolving the people and staff a policy names, with the field a failure belongs to.
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, rule } from '../../platform/errors.ts';
import { getVisibleCustomer } from '../customers/index.ts';
import { findOrgUnitById, findStaffById } from '../org/index.ts';
import { isLicenceValidOn } from './policy-validation.ts';

/** The customer if it exists and the actor sees it; otherwise NOT_FOUND on `field`. */
export async function requireVisibleParty(deps: ModuleDeps, actor: Actor, customerId: string, field: string) {
  try {
    return await getVisibleCustomer(deps, actor, customerId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw fieldError(field, rule('not_found', 'customer not found'), 'NOT_FOUND');
    throw error;
  }
}

/**
 * The selling agent: a staff member in the actor's scope holding a practising licence valid on
 * `on` (P5: only licensed agents sell). Pure agents may only enter their own sales.
 */
export async function requireLicensedAgent(
  deps: ModuleDeps,
  actor: Actor,
  agentId: string,
  on: string,
  field = 'body.agentId',
  loadStaff: (id: string) => ReturnType<typeof findStaffById> = (id) => findStaffById(deps.db, id),
) {
  if (actor.ownRecordsOnly && agentId !== actor.id) {
    throw new DomainError('FORBIDDEN', 'Agents enter only the policies they sell themselves', [{ field, message: 'must be yourself', rule: 'must_be_self' }]);
  }
  const agent = await loadStaff(agentId);
  if (!agent || !agent.org_path.startsWith(actor.orgPath)) throw fieldError(field, rule('not_found', 'agent not found'), 'NOT_FOUND');
  if (!isLicenceValidOn({ number: agent.licence_no, validFrom: agent.licence_valid_from, validTo: agent.licence_valid_to }, on)) {
    const why = agent.licence_no ? `practising licence ${agent.licence_no} is valid ${agent.licence_valid_from} – ${agent.licence_valid_to}, not on ${on}` : 'holds no practising licence';
    throw new DomainError('STAFF_LICENCE_REQUIRED', `${agent.display_name} ${why}; only licensed agents may sell`, [{ field, message: why, rule: 'agent_unlicensed', params: { on } }]);
  }
  return agent;
}

/** An active org unit in the actor's scope; NOT_FOUND on `field` otherwise. */
export async function requireOrgUnitInScope(deps: ModuleDeps, actor: Actor, orgUnitId: string, field = 'body.orgUnitId') {
  const unit = await findOrgUnitById(deps.db, orgUnitId);
  if (!unit || !unit.path.startsWith(actor.orgPath)) throw fieldError(field, rule('not_found', 'org unit not found'), 'NOT_FOUND');
  if (unit.status !== 'active') throw fieldError(field, rule('org_unit_closed', 'org unit is closed'));
  return unit;
}
