import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, rule } from '../../platform/errors.ts';
import { findCustomerIdByExternalId, findCustomerIdByIdNumber, findCustomerIdsByKeys, findVisibleCustomerIds, getVisibleCustomer, normaliseIdNumber } from '../customers/index.ts';
import { findOrgUnitByCode, findStaffCredentialsByUsername } from '../org/index.ts';
import type { ImportRecord, RunCache } from './import-runner.ts';
import { rowFieldError } from './import-values.ts';
import { isUnitInScope } from './import.policy.ts';

/** The org unit with `code`, which must be active and inside the actor's subtree (else a row error). */
export async function resolveOrgUnit(deps: ModuleDeps, actor: Actor, cache: RunCache, field: string, code: string) {
  const key = `org:${code.toUpperCase()}`;
  if (!cache.has(key)) cache.set(key, (await findOrgUnitByCode(deps.db, code.trim().toUpperCase())) ?? null);
  const unit = cache.get(key) as Awaited<ReturnType<typeof findOrgUnitByCode>> | null;
  if (!unit || unit.status !== 'active') throw rowFieldError(field, rule('not_found', `no active org unit with code "${code}"`, { value: code }));
  if (!isUnitInScope(actor, unit.path)) throw rowFieldError(field, rule('out_of_scope', `org unit "${code}" is outside your data scope`), 'FORBIDDEN');
  return unit;
}

/** The id of the active staff account `username` (else a row error). */
export async function resolveStaffId(deps: ModuleDeps, cache: RunCache, field: string, username: string): Promise<string> {
  const key = `staff:${username.toLowerCase()}`;
  if (!cache.has(key)) cache.set(key, (await findStaffCredentialsByUsername(deps.db, username.trim().toLowerCase())) ?? null);
  const staff = cache.get(key) as Awaited<ReturnType<typeof findStaffCredentialsByUsername>> | null;
  if (!staff || staff.status !== 'active') throw rowFieldError(field, rule('not_found', `no active staff account "${username}"`, { value: username }));
  return staff.id;
}

/** How a row's customers are found: one query each (one row), or from a chunk's look-ups made at once. */
export interface Parties {
  idByExternalId(externalId: string): Promise<string | undefined>;
  /** The customer by external id, else ID number, if the actor sees it; a row error on `field` otherwise. */
  find(field: string, externalId: string | undefined, idNumber: string | undefined): Promise<string>;
}

export function partiesOneByOne(deps: ModuleDeps, actor: Actor): Parties {
  return {
    idByExternalId: (externalId) => findCustomerIdByExternalId(deps, externalId),
    async find(field, externalId, idNumber) {
      const id = externalId ? await findCustomerIdByExternalId(deps, externalId) : await findCustomerIdByIdNumber(deps, idNumber!);
      if (!id) throw noCustomer(field, externalId);
      try {
        await getVisibleCustomer(deps, actor, id);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'NOT_FOUND') throw outsideScope(field);
        throw error;
      }
      return id;
    },
  };
}

/** Every customer a chunk names, looked up with a few queries. */
export async function partiesOfChunk(deps: ModuleDeps, actor: Actor, refs: { externalIds: string[]; idNumbers: string[] }): Promise<Parties> {
  const { externalIds, idNumbers } = refs;
  const found = await findCustomerIdsByKeys(deps, { externalIds, idNumbers });
  const visible = await findVisibleCustomerIds(deps, actor, [...found.byExternalId.values(), ...found.byIdNumber.values()]);
  return {
    idByExternalId: async (externalId) => found.byExternalId.get(externalId.trim()),
    async find(field, externalId, idNumber) {
      const id = externalId ? found.byExternalId.get(externalId.trim()) : found.byIdNumber.get(normaliseIdNumber(idNumber!));
      if (!id) throw noCustomer(field, externalId);
      if (!visible.has(id)) throw outsideScope(field);
      return id;
    },
  };
}

/** An 18-character resident ID number (a reference that is not an external id). */
export const ID_NUMBER = /^\d{17}[\dXx]$/;
const noCustomer = (field: string, externalId: string | undefined) => rowFieldError(field, rule('not_found', `no customer with this ${externalId ? 'external id' : 'ID number'}`), 'NOT_FOUND');
const outsideScope = (field: string) => rowFieldError(field, rule('out_of_scope', 'the customer is outside your data scope'), 'NOT_FOUND');

/** The external ids and ID numbers that rows name in `<side>ExternalId` / `<side>IdNumber` columns. */
export function sideRefs(records: readonly ImportRecord[], sides: readonly string[]) {
  const refs = { externalIds: [] as string[], idNumbers: [] as string[] };
  for (const r of records) {
    for (const side of sides) {
      if (r[`${side}ExternalId`]) refs.externalIds.push(r[`${side}ExternalId`]!);
      else if (r[`${side}IdNumber`]) refs.idNumbers.push(r[`${side}IdNumber`]!);
    }
  }
  return refs;
}
