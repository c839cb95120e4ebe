import { ROLES, type TApiKey, type TAuditPage, type TCustomer, type TCustomerList, type TOrgLevel, type TOrgUnit, type TRole, type TStaff, type TStaffList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer, idNumberCheckDigit } from '../customers/index.ts';
import { createOrgUnit } from '../org/index.ts';
import { cipherFor } from '../../app.ts';
import { createApiKey } from './api-key.service.ts';

/*
 * THE authorization matrix: every role × org level × action, through HTTP, with each user's own
 * token. The expected outcome of every cell is written out below from the policy in words
 * (docs/access-control.md), not computed from the server's permission map:
 *
 *   - everyone reads the org units of its own subtree;
 *   - admin manages its subtree (org units, staff, passwords, API keys) and reads staff and audit;
 *   - branch_manager reads staff and org units of its subtree and may unmask contact data;
 *   - compliance_auditor reads staff, org units and audit events of its subtree; verifying the
 *     audit chain (which covers the whole company) is for head office only;
 *   - every other role gets 403 on staff, audit and API keys;
 *   - a caller whose role holds a permission but who names a record outside its subtree gets 404
 *     (its existence is not revealed); a caller whose role lacks the permission gets 403 whatever
 *     the target (docs/api.md: 401 → 400 → 403 → 404);
 *   - lists contain exactly the caller's subtree, never anything outside it;
 *   - every role reads customers (masked) of its subtree; a pure agent only the customers it owns
 *     (others are 404, as if absent); admin, agent, csr, complaint_handler and branch_manager
 *     create and change customers; every role but analyst may unmask with a purpose (audited).
 */

const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
// An outlet under EAST-A, so that even the city-level callers have a unit below their own.
const outlet = await createOrgUnit(ctx.db, org.system, { parentId: org.units.eastA.id, level: 'outlet', code: 'EAST-A-1', name: 'East city A outlet 1' });

type UnitCode = 'HQ' | 'EAST' | 'WEST' | 'EAST-A' | 'EAST-B' | 'WEST-A' | 'EAST-A-1';
const UNIT_ID: Record<UnitCode, string> = {
  HQ: org.units.hq.id,
  EAST: org.units.east.id,
  WEST: org.units.west.id,
  'EAST-A': org.units.eastA.id,
  'EAST-B': org.units.eastB.id,
  'WEST-A': org.units.westA.id,
  'EAST-A-1': outlet.id,
};
const UNIT_CODE_OF_ID = new Map(Object.entries(UNIT_ID).map(([code, id]) => [id, code as UnitCode]));

/** The three levels every role is tested at: head office, province EAST, city EAST-A. */
type Level = 'hq' | 'province' | 'city';
const LEVELS: readonly Level[] = ['hq', 'province', 'city'];
const CALLER_UNIT: Record<Level, UnitCode> = { hq: 'HQ', province: 'EAST', city: 'EAST-A' };
const USER_PREFIX: Record<Level, string> = { hq: 'hq', province: 'east', city: 'easta' };
const CHILD_LEVEL: Record<Level, TOrgLevel> = { hq: 'province', province: 'city', city: 'outlet' };

/** What each level's subtree is, written out by hand. */
const VISIBLE_UNITS: Record<Level, readonly UnitCode[]> = {
  hq: ['HQ', 'EAST', 'WEST', 'EAST-A', 'EAST-B', 'WEST-A', 'EAST-A-1'],
  province: ['EAST', 'EAST-A', 'EAST-B', 'EAST-A-1'],
  city: ['EAST-A', 'EAST-A-1'],
};

/** The matrix's columns, in this order. A role added to the contracts fails the coverage test below until it is placed here. */
const ROLE_COLUMNS = ['admin', 'agent', 'csr', 'underwriter', 'claims_adjuster', 'complaint_handler', 'branch_manager', 'analyst', 'compliance_auditor'] as const satisfies readonly TRole[];

// ---- people ---------------------------------------------------------------------------------

/** Staff whose mobile numbers the unmask cells check. */
const TARGETS: Record<string, { unit: UnitCode; mobile: string }> = {
  'target.hq': { unit: 'HQ', mobile: '13800000001' },
  'target.east': { unit: 'EAST', mobile: '13800000002' },
  'target.easta': { unit: 'EAST-A', mobile: '13800000003' },
  'target.outlet': { unit: 'EAST-A-1', mobile: '13800000004' },
  'target.eastb': { unit: 'EAST-B', mobile: '13800000005' },
  'target.west': { unit: 'WEST', mobile: '13800000006' },
  'target.westa': { unit: 'WEST-A', mobile: '13800000007' },
};
/** A staff member in the caller's own unit. */
const OWN_TARGET: Record<Level, string> = { hq: 'target.hq', province: 'target.east', city: 'target.easta' };
/** A staff member below the caller's unit (still in its subtree). */
const BELOW_TARGET: Record<Level, string> = { hq: 'target.westa', province: 'target.eastb', city: 'target.outlet' };
/**
 * A staff member and unit outside the caller's subtree: another province for EAST, the sibling
 * city under the same province for EAST-A. Head office has none: the whole company is its subtree.
 */
const FOREIGN_TARGET: Partial<Record<Level, string>> = { province: 'target.westa', city: 'target.eastb' };
const FOREIGN_UNIT: Partial<Record<Level, UnitCode>> = { province: 'WEST-A', city: 'EAST-B' };

interface Caller {
  username: string;
  role: TRole;
  level: Level;
  id: string;
  token: string;
}

/** Where every seeded staff member sits (username → unit), the basis of the expected lists. */
const placement = new Map<string, UnitCode>();
const staffId = new Map<string, string>();
const callers: Caller[] = [];
let hqAdminActor: Actor | undefined;

for (const level of LEVELS) {
  for (const role of ROLE_COLUMNS) {
    const username = `${USER_PREFIX[level]}.${role}`;
    const { staff, actor } = await seedStaff(ctx.db, org, UNIT_ID[CALLER_UNIT[level]], username, [role]);
    if (username === 'hq.admin') hqAdminActor = actor;
    placement.set(username, CALLER_UNIT[level]);
    staffId.set(username, staff.id);
    callers.push({ username, role, level, id: staff.id, token: '' });
  }
}
for (const [username, target] of Object.entries(TARGETS)) {
  const { staff } = await seedStaff(ctx.db, org, UNIT_ID[target.unit], username, ['csr'], { mobile: target.mobile, email: `${username}@example.com` });
  placement.set(username, target.unit);
  staffId.set(username, staff.id);
}
// Everybody logs in once: the tokens for the matrix, and one `auth.login` event by an actor in
// every unit, so that the audit cells can check the exact set of units they see.
for (const caller of callers) caller.token = await loginAs(ctx.app, caller.username);
for (const username of Object.keys(TARGETS)) await loginAs(ctx.app, username);

const hqAdmin = callers.find((c) => c.username === 'hq.admin')!;
/** One API key per unit, issued by head office, for the API-key list cells. */
const seededKeyUnit = new Map<string, UnitCode>();
for (const code of Object.keys(UNIT_ID) as UnitCode[]) {
  await createApiKey(ctx.db, hqAdminActor!, { name: `seed-key.${code}`, scopes: ['org:read'], orgUnitId: UNIT_ID[code] }, ctx.config.secrets.sessionSecret);
  seededKeyUnit.set(`seed-key.${code}`, code);
}

/** Customers seeded for the customer cells: one per unit (no owner) and one in each agent's own book. */
const CUSTOMER_UNITS: Record<string, { unit: UnitCode; owner?: string }> = {
  'cust.HQ': { unit: 'HQ' },
  'cust.EAST': { unit: 'EAST' },
  'cust.EAST-A': { unit: 'EAST-A' },
  'cust.EAST-A-1': { unit: 'EAST-A-1' },
  'cust.EAST-B': { unit: 'EAST-B' },
  'cust.WEST': { unit: 'WEST' },
  'cust.WEST-A': { unit: 'WEST-A' },
  'book.hq': { unit: 'HQ', owner: 'hq.agent' },
  'book.east': { unit: 'EAST', owner: 'east.agent' },
  'book.easta': { unit: 'EAST-A', owner: 'easta.agent' },
};
const OWN_CUSTOMER: Record<Level, string> = { hq: 'cust.HQ', province: 'cust.EAST', city: 'cust.EAST-A' };
const BOOK_CUSTOMER: Record<Level, string> = { hq: 'book.hq', province: 'book.east', city: 'book.easta' };
const BELOW_CUSTOMER: Record<Level, string> = { hq: 'cust.WEST-A', province: 'cust.EAST-B', city: 'cust.EAST-A-1' };
const FOREIGN_CUSTOMER: Partial<Record<Level, string>> = { province: 'cust.WEST-A', city: 'cust.EAST-B' };
const customerId = new Map<string, string>();
const customerIdNumber = new Map<string, string>();
for (const [index, [name, placed]] of Object.entries(CUSTOMER_UNITS).entries()) {
  const first17 = `33010619800101${String(index * 2 + 1).padStart(3, '0')}`;
  const idNumber = `${first17}${idNumberCheckDigit(first17)}`;
  const row = await createCustomer({ db: ctx.db, cipher: cipherFor(ctx.config) }, hqAdminActor!, {
    name,
    idNumber,
    orgUnitId: UNIT_ID[placed.unit],
    ownerAgentId: placed.owner ? staffId.get(placed.owner)! : null,
  });
  customerId.set(name, row.id);
  customerIdNumber.set(name, idNumber);
}
const customersVisibleTo = (caller: Caller) =>
  Object.entries(CUSTOMER_UNITS)
    .filter(([, c]) => (caller.role === 'agent' ? c.owner === caller.username : VISIBLE_UNITS[caller.level].includes(c.unit)))
    .map(([name]) => name)
    .sort();

const staffVisibleAt = (level: Level) => [...placement].filter(([, unit]) => VISIBLE_UNITS[level].includes(unit)).map(([username]) => username).sort();
const sorted = <T>(values: Iterable<T>) => [...values].sort();

// ---- the expected table ---------------------------------------------------------------------

const OK = 200;
const CREATED = 201;
const DENIED = 403;
const HIDDEN = 404;
const CODE_OF: Record<number, 'FORBIDDEN' | 'NOT_FOUND'> = { [DENIED]: 'FORBIDDEN', [HIDDEN]: 'NOT_FOUND' };

type Row = readonly [
  admin: number,
  agent: number,
  csr: number,
  underwriter: number,
  claims_adjuster: number,
  complaint_handler: number,
  branch_manager: number,
  analyst: number,
  compliance_auditor: number,
];

type ActionName =
  | 'org-units.list'
  | 'staff.list'
  | 'staff.get.own-unit'
  | 'staff.get.below'
  | 'staff.get.other-branch'
  | 'staff.unmask.own-unit'
  | 'staff.unmask.other-branch'
  | 'audit.search'
  | 'audit.verify'
  | 'api-keys.list'
  | 'staff.create.own-unit'
  | 'staff.create.other-branch'
  | 'staff.update.own-unit'
  | 'staff.update.other-branch'
  | 'staff.reset-password.own-unit'
  | 'staff.reset-password.other-branch'
  | 'org-units.create.under-own-unit'
  | 'org-units.create.under-other-branch'
  | 'api-keys.create'
  | 'customers.list'
  | 'customers.get.own-unit'
  | 'customers.get.own-book'
  | 'customers.get.below'
  | 'customers.get.other-branch'
  | 'customers.unmask.own-unit'
  | 'customers.unmask.other-branch'
  | 'customers.create.own-unit'
  | 'customers.update.own-unit'
  | 'customers.update.other-branch';

/**
 * Expected HTTP status per action, level and role. Levels without a row have no such cell
 * (head office has no "other branch"). Read actions come first: the write cells that succeed
 * add records, and the list cells compare against the seeded population.
 */
// prettier-ignore
const EXPECTED: Record<ActionName, Partial<Record<Level, Row>>> = {
  //                                          admin    agent   csr     underw. claims  compl.  branch  analyst compliance
  'org-units.list':                    { hq:       [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         province: [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         city:     [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK] },
  'staff.list':                        { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK] },
  'staff.get.own-unit':                { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK] },
  'staff.get.below':                   { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, OK] },
  'staff.get.other-branch':            { province: [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, HIDDEN, DENIED, HIDDEN],
                                         city:     [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, HIDDEN, DENIED, HIDDEN] },
  'staff.unmask.own-unit':             { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, DENIED],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, DENIED],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, DENIED] },
  'staff.unmask.other-branch':         { province: [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, HIDDEN, DENIED, DENIED],
                                         city:     [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, HIDDEN, DENIED, DENIED] },
  'audit.search':                      { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK] },
  'audit.verify':                      { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
                                         province: [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'api-keys.list':                     { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'staff.create.own-unit':             { hq:       [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         province: [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'staff.create.other-branch':         { province: [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'staff.update.own-unit':             { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'staff.update.other-branch':         { province: [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'staff.reset-password.own-unit':     { hq:       [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         province: [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [OK,     DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'staff.reset-password.other-branch': { province: [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'org-units.create.under-own-unit':   { hq:       [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         province: [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'org-units.create.under-other-branch': { province: [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  'api-keys.create':                   { hq:       [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         province: [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
                                         city:     [CREATED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED] },
  //                                          admin    agent   csr     underw. claims  compl.  branch  analyst compliance
  'customers.list':                    { hq:       [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         province: [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         city:     [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK] },
  'customers.get.own-unit':            { hq:       [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         province: [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         city:     [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     OK] },
  'customers.get.own-book':            { hq:       [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         province: [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         city:     [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK] },
  'customers.get.below':               { hq:       [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         province: [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     OK],
                                         city:     [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     OK] },
  'customers.get.other-branch':        { province: [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
                                         city:     [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN] },
  'customers.unmask.own-unit':         { hq:       [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     DENIED, OK],
                                         province: [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     DENIED, OK],
                                         city:     [OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     DENIED, OK] },
  'customers.unmask.other-branch':     { province: [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, HIDDEN],
                                         city:     [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, HIDDEN] },
  'customers.create.own-unit':         { hq:       [CREATED, CREATED, CREATED, DENIED, DENIED, CREATED, CREATED, DENIED, DENIED],
                                         province: [CREATED, CREATED, CREATED, DENIED, DENIED, CREATED, CREATED, DENIED, DENIED],
                                         city:     [CREATED, CREATED, CREATED, DENIED, DENIED, CREATED, CREATED, DENIED, DENIED] },
  'customers.update.own-unit':         { hq:       [OK,     HIDDEN, OK,     DENIED, DENIED, OK,     OK,     DENIED, DENIED],
                                         province: [OK,     HIDDEN, OK,     DENIED, DENIED, OK,     OK,     DENIED, DENIED],
                                         city:     [OK,     HIDDEN, OK,     DENIED, DENIED, OK,     OK,     DENIED, DENIED] },
  'customers.update.other-branch':     { province: [HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, HIDDEN, HIDDEN, DENIED, DENIED],
                                         city:     [HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, HIDDEN, HIDDEN, DENIED, DENIED] },
};

// ---- the actions ----------------------------------------------------------------------------

type Run = (caller: Caller, expected: number) => Promise<void>;

const get = (caller: Caller, url: string) => ctx.request({ method: 'GET', url, token: caller.token });
const post = (caller: Caller, url: string, payload?: object) => ctx.request({ method: 'POST', url, token: caller.token, ...(payload ? { payload } : {}) });
const patch = (caller: Caller, url: string, payload: object) => ctx.request({ method: 'PATCH', url, token: caller.token, payload });

const staffRow = (username: string) =>
  ctx.db.selectFrom('staff').select(['id', 'version', 'display_name', 'password_hash', 'must_change_password']).where('username', '=', username).executeTakeFirst();
const viewedEventsBy = async (actorId: string, entityId: string) =>
  (await ctx.db.selectFrom('audit_event').select('purpose').where('action', '=', 'staff.viewed').where('actor_id', '=', actorId).where('entity_id', '=', entityId).execute()).map((e) => e.purpose);

/** Reads one staff member; a refusal must not leak anything about the target. */
function getStaffCell(targetOf: (level: Level) => string | undefined): Run {
  return async (caller, expected) => {
    const target = targetOf(caller.level)!;
    const res = await get(caller, `/api/v1/staff/${staffId.get(target)}`);
    if (expected === OK) {
      expect(res.statusCode, res.body).toBe(OK);
      const body = res.json() as TStaff;
      expect(body.username).toBe(target);
      expect(body.mobile).toBe(`${TARGETS[target]!.mobile.slice(0, 3)}****${TARGETS[target]!.mobile.slice(-4)}`);
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(res.body).not.toContain(target);
      // Four digits can turn up by chance in the request id and in the path's UUID: look past them.
      const { requestId: _requestId, instance: _instance, ...told } = res.json() as Record<string, unknown>;
      expect(JSON.stringify(told)).not.toContain(TARGETS[target]!.mobile.slice(-4));
    }
  };
}

function unmaskCell(targetOf: (level: Level) => string | undefined): Run {
  return async (caller, expected) => {
    const target = targetOf(caller.level)!;
    const id = staffId.get(target)!;
    const res = await get(caller, `/api/v1/staff/${id}?purpose=${encodeURIComponent('authorization matrix check')}`);
    if (expected === OK) {
      expect(res.statusCode, res.body).toBe(OK);
      expect((res.json() as TStaff).mobile).toBe(TARGETS[target]!.mobile);
      expect(await viewedEventsBy(caller.id, id)).toEqual(['authorization matrix check']);
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(res.body).not.toContain(TARGETS[target]!.mobile);
      expect(await viewedEventsBy(caller.id, id)).toEqual([]);
    }
  };
}

function createStaffCell(unitOf: (level: Level) => UnitCode | undefined, tag: string): Run {
  return async (caller, expected) => {
    const unit = unitOf(caller.level)!;
    const username = `new${tag}.${USER_PREFIX[caller.level]}.${caller.role}`;
    const res = await post(caller, '/api/v1/staff', { username, displayName: 'New colleague', orgUnitId: UNIT_ID[unit], roles: ['csr'], mobile: '13911112222' });
    if (expected === CREATED) {
      expect(res.statusCode, res.body).toBe(CREATED);
      const body = res.json() as { staff: TStaff; initialPassword: string };
      expect(body.staff).toMatchObject({ username, orgUnitId: UNIT_ID[unit], roles: ['csr'] });
      expect(body.initialPassword.length).toBeGreaterThanOrEqual(10);
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(await staffRow(username)).toBeUndefined();
    }
  };
}

function updateStaffCell(targetOf: (level: Level) => string | undefined): Run {
  return async (caller, expected) => {
    const target = targetOf(caller.level)!;
    const before = (await staffRow(target))!;
    const displayName = `Renamed by ${caller.username}`;
    const res = await patch(caller, `/api/v1/staff/${before.id}`, { displayName, version: before.version });
    const after = (await staffRow(target))!;
    if (expected === OK) {
      expect(res.statusCode, res.body).toBe(OK);
      expect((res.json() as TStaff).displayName).toBe(displayName);
      expect(after).toMatchObject({ display_name: displayName, version: before.version + 1 });
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(after).toEqual(before);
    }
  };
}

function resetPasswordCell(targetOf: (level: Level) => string | undefined): Run {
  return async (caller, expected) => {
    const target = targetOf(caller.level)!;
    const before = (await staffRow(target))!;
    const res = await post(caller, `/api/v1/staff/${before.id}/reset-password`);
    const after = (await staffRow(target))!;
    if (expected === OK) {
      expect(res.statusCode, res.body).toBe(OK);
      expect((res.json() as { initialPassword: string }).initialPassword.length).toBeGreaterThanOrEqual(10);
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.must_change_password).toBe(true);
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(after).toEqual(before);
    }
  };
}

function createOrgUnitCell(parentOf: (level: Level) => UnitCode | undefined, childLevelOf: (level: Level) => TOrgLevel, tag: string): Run {
  return async (caller, expected) => {
    const parent = parentOf(caller.level)!;
    const code = `${tag}-${USER_PREFIX[caller.level]}-${caller.role}`.toUpperCase();
    const res = await post(caller, '/api/v1/org-units', { parentId: UNIT_ID[parent], level: childLevelOf(caller.level), code, name: `Unit of ${caller.username}` });
    const row = await ctx.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirst();
    if (expected === CREATED) {
      expect(res.statusCode, res.body).toBe(CREATED);
      expect(res.json()).toMatchObject({ code, parentId: UNIT_ID[parent], level: childLevelOf(caller.level) });
      expect(row).toBeDefined();
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(row).toBeUndefined();
    }
  };
}

const maskedId = (idNumber: string) => `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
const customerRow = (name: string) => ctx.db.selectFrom('customer').select(['id', 'version', 'tier', 'occupation']).where('name', '=', name).executeTakeFirst();

/** Reads one customer (masked); a refusal must not leak anything about it. */
function getCustomerCell(targetOf: (level: Level) => string | undefined): Run {
  return async (caller, expected) => {
    const target = targetOf(caller.level)!;
    const res = await get(caller, `/api/v1/customers/${customerId.get(target)}`);
    if (expected === OK) {
      expect(res.statusCode, res.body).toBe(OK);
      expect(res.json()).toMatchObject({ name: target, idNumber: maskedId(customerIdNumber.get(target)!) });
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(res.body).not.toContain(target);
    }
    expect(res.body).not.toContain(customerIdNumber.get(target)!);
  };
}

function unmaskCustomerCell(targetOf: (level: Level) => string | undefined): Run {
  return async (caller, expected) => {
    const target = targetOf(caller.level)!;
    const id = customerId.get(target)!;
    const res = await post(caller, `/api/v1/customers/${id}/unmask`, { fields: ['idNumber'], purpose: 'authorization matrix check' });
    const events = async () =>
      (await ctx.db.selectFrom('audit_event').select('purpose').where('action', '=', 'customer.unmasked').where('actor_id', '=', caller.id).where('customer_id', '=', id).execute()).map((e) => e.purpose);
    if (expected === OK) {
      expect(res.statusCode, res.body).toBe(OK);
      expect(res.json()).toMatchObject({ customerId: id, idNumber: customerIdNumber.get(target) });
      expect(await events()).toEqual(['authorization matrix check']);
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(res.body).not.toContain(customerIdNumber.get(target)!);
      expect(await events()).toEqual([]);
    }
  };
}

function updateCustomerCell(targetOf: (level: Level) => string | undefined): Run {
  return async (caller, expected) => {
    const target = targetOf(caller.level)!;
    const before = (await customerRow(target))!;
    const occupation = `Changed by ${caller.username}`;
    const res = await patch(caller, `/api/v1/customers/${before.id}`, { occupation, version: before.version });
    const after = (await customerRow(target))!;
    if (expected === OK) {
      expect(res.statusCode, res.body).toBe(OK);
      expect((res.json() as TCustomer).occupation).toBe(occupation);
      expect(after).toMatchObject({ occupation, version: before.version + 1 });
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(after).toEqual(before);
    }
  };
}

const ACTIONS: Record<ActionName, Run> = {
  'customers.list': async (caller, expected) => {
    const res = await get(caller, '/api/v1/customers?limit=200');
    expect(res.statusCode, res.body).toBe(expected);
    expect((res.json() as TCustomerList).items.map((c) => c.name).sort()).toEqual(customersVisibleTo(caller));
  },
  'customers.get.own-unit': getCustomerCell((level) => OWN_CUSTOMER[level]),
  'customers.get.own-book': getCustomerCell((level) => BOOK_CUSTOMER[level]),
  'customers.get.below': getCustomerCell((level) => BELOW_CUSTOMER[level]),
  'customers.get.other-branch': getCustomerCell((level) => FOREIGN_CUSTOMER[level]),
  'customers.unmask.own-unit': unmaskCustomerCell((level) => OWN_CUSTOMER[level]),
  'customers.unmask.other-branch': unmaskCustomerCell((level) => FOREIGN_CUSTOMER[level]),
  'customers.create.own-unit': async (caller, expected) => {
    const name = `new customer of ${caller.username}`;
    const res = await post(caller, '/api/v1/customers', { name, orgUnitId: UNIT_ID[CALLER_UNIT[caller.level]] });
    const row = await ctx.db.selectFrom('customer').select(['org_unit_id', 'owner_agent_id']).where('name', '=', name).executeTakeFirst();
    if (expected === CREATED) {
      expect(res.statusCode, res.body).toBe(CREATED);
      // An agent's new customer is its own; anyone else's has no owner until one is assigned.
      expect(row).toEqual({ org_unit_id: UNIT_ID[CALLER_UNIT[caller.level]], owner_agent_id: caller.role === 'agent' ? caller.id : null });
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(row).toBeUndefined();
    }
  },
  'customers.update.own-unit': updateCustomerCell((level) => OWN_CUSTOMER[level]),
  'customers.update.other-branch': updateCustomerCell((level) => FOREIGN_CUSTOMER[level]),

  'org-units.list': async (caller, expected) => {
    const res = await get(caller, '/api/v1/org-units');
    expect(res.statusCode, res.body).toBe(expected);
    const codes = (res.json() as { items: TOrgUnit[] }).items.map((u) => u.code);
    expect(sorted(codes)).toEqual(sorted(VISIBLE_UNITS[caller.level]));
  },
  'staff.list': async (caller, expected) => {
    const res = await get(caller, '/api/v1/staff?pageSize=200');
    if (expected !== OK) {
      expectProblem(res, expected, CODE_OF[expected]!);
      return;
    }
    expect(res.statusCode, res.body).toBe(OK);
    const body = res.json() as TStaffList;
    expect(sorted(body.items.map((s) => s.username))).toEqual(staffVisibleAt(caller.level));
    expect(body.total).toBe(staffVisibleAt(caller.level).length);
    for (const s of body.items) expect(VISIBLE_UNITS[caller.level]).toContain(UNIT_CODE_OF_ID.get(s.orgUnitId));
  },
  'staff.get.own-unit': getStaffCell((level) => OWN_TARGET[level]),
  'staff.get.below': getStaffCell((level) => BELOW_TARGET[level]),
  'staff.get.other-branch': getStaffCell((level) => FOREIGN_TARGET[level]),
  'staff.unmask.own-unit': unmaskCell((level) => OWN_TARGET[level]),
  'staff.unmask.other-branch': unmaskCell((level) => FOREIGN_TARGET[level]),
  'audit.search': async (caller, expected) => {
    const logins = await get(caller, '/api/v1/audit-events?action=auth.login&pageSize=200');
    if (expected !== OK) {
      expectProblem(logins, expected, CODE_OF[expected]!);
      return;
    }
    expect(logins.statusCode, logins.body).toBe(OK);
    // Everybody logged in once at set-up: the caller sees exactly the logins of its subtree.
    const page = logins.json() as TAuditPage;
    expect(sorted(page.items.map((e) => e.actorName))).toEqual(staffVisibleAt(caller.level));
    expect(sorted(new Set(page.items.map((e) => UNIT_CODE_OF_ID.get(e.actorOrgUnitId!))))).toEqual(sorted(VISIBLE_UNITS[caller.level]));
    // Unfiltered: nothing by an actor outside the subtree; system events (no unit) only at head office.
    const all = (await get(caller, '/api/v1/audit-events?pageSize=200')).json() as TAuditPage;
    expect(all.items.length).toBeGreaterThan(0);
    for (const e of all.items) {
      if (e.actorOrgUnitId === null) expect(caller.level).toBe('hq');
      else expect(VISIBLE_UNITS[caller.level]).toContain(UNIT_CODE_OF_ID.get(e.actorOrgUnitId));
    }
  },
  'audit.verify': async (caller, expected) => {
    const res = await get(caller, '/api/v1/audit-events/verify');
    if (expected !== OK) {
      expectProblem(res, expected, CODE_OF[expected]!);
      return;
    }
    expect(res.statusCode, res.body).toBe(OK);
    expect(res.json()).toMatchObject({ ok: true, brokenAt: null });
  },
  'api-keys.list': async (caller, expected) => {
    const res = await get(caller, '/api/v1/api-keys');
    if (expected !== OK) {
      expectProblem(res, expected, CODE_OF[expected]!);
      return;
    }
    expect(res.statusCode, res.body).toBe(OK);
    const names = (res.json() as { items: TApiKey[] }).items.map((k) => k.name);
    const expectedNames = [...seededKeyUnit].filter(([, unit]) => VISIBLE_UNITS[caller.level].includes(unit)).map(([name]) => name);
    expect(sorted(names)).toEqual(sorted(expectedNames));
  },
  'staff.create.own-unit': createStaffCell((level) => CALLER_UNIT[level], ''),
  'staff.create.other-branch': createStaffCell((level) => FOREIGN_UNIT[level], 'x'),
  'staff.update.own-unit': updateStaffCell((level) => OWN_TARGET[level]),
  'staff.update.other-branch': updateStaffCell((level) => FOREIGN_TARGET[level]),
  'staff.reset-password.own-unit': resetPasswordCell((level) => OWN_TARGET[level]),
  'staff.reset-password.other-branch': resetPasswordCell((level) => FOREIGN_TARGET[level]),
  'org-units.create.under-own-unit': createOrgUnitCell((level) => CALLER_UNIT[level], (level) => CHILD_LEVEL[level], 'N'),
  // Both foreign units are city branches, so an outlet would be the right level there.
  'org-units.create.under-other-branch': createOrgUnitCell((level) => FOREIGN_UNIT[level], () => 'outlet', 'F'),
  'api-keys.create': async (caller, expected) => {
    const name = `key.${caller.username}`;
    const res = await post(caller, '/api/v1/api-keys', { name, scopes: ['org:read'] });
    const row = await ctx.db.selectFrom('api_key').select(['org_unit_id']).where('name', '=', name).executeTakeFirst();
    if (expected === CREATED) {
      expect(res.statusCode, res.body).toBe(CREATED);
      const body = res.json() as { apiKey: TApiKey; secret: string };
      expect(body.apiKey.orgUnitId).toBe(UNIT_ID[CALLER_UNIT[caller.level]]);
      expect(body.secret).toMatch(/^ak_/);
      expect(row?.org_unit_id).toBe(UNIT_ID[CALLER_UNIT[caller.level]]);
    } else {
      expectProblem(res, expected, CODE_OF[expected]!);
      expect(row).toBeUndefined();
    }
  },
};

// ---- the cells ------------------------------------------------------------------------------

interface Cell {
  caller: Caller;
  expected: number;
}

function cellsOf(action: ActionName): Cell[] {
  const cells: Cell[] = [];
  for (const level of LEVELS) {
    const row = EXPECTED[action][level];
    if (!row) continue;
    ROLE_COLUMNS.forEach((role, column) => {
      cells.push({ caller: callers.find((c) => c.level === level && c.role === role)!, expected: row[column]! });
    });
  }
  return cells;
}

const READ_ACTIONS: ActionName[] = [
  'org-units.list',
  'staff.list',
  'staff.get.own-unit',
  'staff.get.below',
  'staff.get.other-branch',
  'staff.unmask.own-unit',
  'staff.unmask.other-branch',
  'audit.search',
  'audit.verify',
  'api-keys.list',
  'customers.list',
  'customers.get.own-unit',
  'customers.get.own-book',
  'customers.get.below',
  'customers.get.other-branch',
  'customers.unmask.own-unit',
  'customers.unmask.other-branch',
];
const WRITE_ACTIONS: ActionName[] = [
  'staff.create.own-unit',
  'staff.create.other-branch',
  'staff.update.own-unit',
  'staff.update.other-branch',
  'staff.reset-password.own-unit',
  'staff.reset-password.other-branch',
  'org-units.create.under-own-unit',
  'org-units.create.under-other-branch',
  'api-keys.create',
  'customers.create.own-unit',
  'customers.update.own-unit',
  'customers.update.other-branch',
];

describe('authorization matrix: coverage', () => {
  it('has a column for every role and a cell for every level of every action', () => {
    expect(sorted(ROLE_COLUMNS)).toEqual(sorted(ROLES));
    expect(sorted([...READ_ACTIONS, ...WRITE_ACTIONS])).toEqual(sorted(Object.keys(EXPECTED)));
    for (const action of Object.keys(EXPECTED) as ActionName[]) {
      const levels = Object.keys(EXPECTED[action]);
      // Only head office lacks "other branch" cells: nothing lies outside its subtree.
      expect(levels, action).toEqual(action.includes('other-branch') ? ['province', 'city'] : ['hq', 'province', 'city']);
    }
    expect(callers).toHaveLength(27);
    expect(callers.every((c) => c.token.length > 0)).toBe(true);
  });
});

// Reads first: the write cells that succeed add staff, units and keys to the population.
describe.each(READ_ACTIONS)('authorization matrix: %s', (action) => {
  it.each(cellsOf(action).map((cell) => ({ ...cell, name: `${cell.caller.role} @ ${cell.caller.level}` })))('$name → $expected', async ({ caller, expected }) => {
    await ACTIONS[action](caller, expected);
  });
});

describe('API-key actors', () => {
  const issue = async (scopes: string[], unit: UnitCode, name: string) => {
    const res = await post(hqAdmin, '/api/v1/api-keys', { name, scopes, orgUnitId: UNIT_ID[unit] });
    expect(res.statusCode, res.body).toBe(CREATED);
    return res.json() as { apiKey: TApiKey; secret: string };
  };
  const withKey = (secret: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    ctx.request({ method, url, headers: { authorization: `Bearer ${secret}` }, ...(payload ? { payload } : {}) });

  it('a staff:read key issued at EAST sees exactly the EAST subtree’s staff, by bearer and by X-API-Key', async () => {
    const { secret } = await issue(['staff:read'], 'EAST', 'east-staff-reader');
    for (const res of [await withKey(secret, 'GET', '/api/v1/staff?pageSize=200'), await ctx.request({ method: 'GET', url: '/api/v1/staff?pageSize=200', headers: { 'x-api-key': secret } })]) {
      expect(res.statusCode, res.body).toBe(OK);
      expect(sorted((res.json() as TStaffList).items.map((s) => s.username))).toEqual(staffVisibleAt('province'));
    }
    expect((await withKey(secret, 'GET', `/api/v1/staff/${staffId.get('target.eastb')}`)).statusCode).toBe(OK);
    expectProblem(await withKey(secret, 'GET', `/api/v1/staff/${staffId.get('target.westa')}`), HIDDEN, 'NOT_FOUND');
    expectProblem(await withKey(secret, 'GET', `/api/v1/staff/${staffId.get('target.hq')}`), HIDDEN, 'NOT_FOUND');
  });

  it('a staff:read key has nothing else: 403 on audit, org units, unmasking, writes and API keys', async () => {
    const { secret } = await issue(['staff:read'], 'EAST', 'east-staff-only');
    expectProblem(await withKey(secret, 'GET', '/api/v1/audit-events'), DENIED, 'FORBIDDEN');
    expectProblem(await withKey(secret, 'GET', '/api/v1/audit-events/verify'), DENIED, 'FORBIDDEN');
    expectProblem(await withKey(secret, 'GET', '/api/v1/org-units'), DENIED, 'FORBIDDEN');
    expectProblem(await withKey(secret, 'GET', `/api/v1/staff/${staffId.get('target.east')}?purpose=integration%20check`), DENIED, 'FORBIDDEN');
    expectProblem(
      await withKey(secret, 'POST', '/api/v1/staff', { username: 'made.by.key', displayName: 'Key made', orgUnitId: UNIT_ID.EAST, roles: ['csr'] }),
      DENIED,
      'FORBIDDEN',
    );
    expectProblem(await withKey(secret, 'GET', '/api/v1/api-keys'), DENIED, 'FORBIDDEN');
    expectProblem(await withKey(secret, 'POST', '/api/v1/api-keys', { name: 'child key', scopes: ['staff:read'] }), DENIED, 'FORBIDDEN');
    expect(await staffRow('made.by.key')).toBeUndefined();
  });

  it('an audit:read key issued at EAST sees only events by actors of the EAST subtree and cannot verify the chain', async () => {
    const { secret } = await issue(['audit:read'], 'EAST', 'east-audit-reader');
    const res = await withKey(secret, 'GET', '/api/v1/audit-events?action=auth.login&pageSize=200');
    expect(res.statusCode, res.body).toBe(OK);
    expect(sorted((res.json() as TAuditPage).items.map((e) => e.actorName))).toEqual(staffVisibleAt('province'));
    expectProblem(await withKey(secret, 'GET', '/api/v1/audit-events/verify'), DENIED, 'FORBIDDEN');
    expectProblem(await withKey(secret, 'GET', '/api/v1/staff'), DENIED, 'FORBIDDEN');
  });

  it('an org:read key issued at EAST-A sees only EAST-A and its outlet', async () => {
    const { secret } = await issue(['org:read'], 'EAST-A', 'easta-org-reader');
    const res = await withKey(secret, 'GET', '/api/v1/org-units');
    expect(res.statusCode, res.body).toBe(OK);
    expect(sorted((res.json() as { items: TOrgUnit[] }).items.map((u) => u.code))).toEqual(sorted(VISIBLE_UNITS.city));
  });

  it('a revoked key gets 401 API_KEY_INVALID at once', async () => {
    const { apiKey, secret } = await issue(['staff:read'], 'EAST', 'east-to-revoke');
    expect((await withKey(secret, 'GET', '/api/v1/staff')).statusCode).toBe(OK);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, token: hqAdmin.token })).statusCode).toBe(204);
    expectProblem(await withKey(secret, 'GET', '/api/v1/staff'), 401, 'API_KEY_INVALID');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff', headers: { 'x-api-key': secret } }), 401, 'API_KEY_INVALID');
  });

  it('an expired, forged or malformed key gets 401 API_KEY_INVALID', async () => {
    const { apiKey, secret } = await issue(['staff:read'], 'EAST', 'east-to-expire');
    await ctx.db.updateTable('api_key').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', apiKey.id).execute();
    expectProblem(await withKey(secret, 'GET', '/api/v1/staff'), 401, 'API_KEY_INVALID');
    const { secret: valid } = await issue(['staff:read'], 'EAST', 'east-to-forge');
    const forged = `${valid.slice(0, -4)}${valid.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expectProblem(await withKey(forged, 'GET', '/api/v1/staff'), 401, 'API_KEY_INVALID');
    expectProblem(await withKey('ak_not-a-key', 'GET', '/api/v1/staff'), 401, 'API_KEY_INVALID');
  });

  it('a province admin can issue keys only for its own subtree and revoke only its subtree’s keys', async () => {
    const eastAdmin = callers.find((c) => c.username === 'east.admin')!;
    for (const unit of ['HQ', 'WEST', 'WEST-A'] as const) {
      expectProblem(await post(eastAdmin, '/api/v1/api-keys', { name: `east-for-${unit}`, scopes: ['org:read'], orgUnitId: UNIT_ID[unit] }), HIDDEN, 'NOT_FOUND', ['body.orgUnitId']);
    }
    expect((await post(eastAdmin, '/api/v1/api-keys', { name: 'east-for-EAST-A', scopes: ['org:read'], orgUnitId: UNIT_ID['EAST-A'] })).statusCode).toBe(CREATED);
    const hqKey = await ctx.db.selectFrom('api_key').select(['id', 'revoked_at']).where('name', '=', 'seed-key.HQ').executeTakeFirstOrThrow();
    expectProblem(await ctx.request({ method: 'DELETE', url: `/api/v1/api-keys/${hqKey.id}`, token: eastAdmin.token }), HIDDEN, 'NOT_FOUND');
    const after = await ctx.db.selectFrom('api_key').select('revoked_at').where('id', '=', hqKey.id).executeTakeFirstOrThrow();
    expect(after.revoked_at).toBeNull();
  });
});

describe('query filters cannot widen the scope', () => {
  const eastManager = () => callers.find((c) => c.username === 'east.branch_manager')!;

  it('a staff list narrowed to a unit outside the subtree is empty, with or without descendants', async () => {
    for (const includeDescendants of ['true', 'false']) {
      for (const unit of ['WEST', 'WEST-A', 'HQ'] as const) {
        const res = await get(eastManager(), `/api/v1/staff?orgUnitId=${UNIT_ID[unit]}&includeDescendants=${includeDescendants}`);
        expect(res.statusCode, res.body).toBe(OK);
        expect(res.json()).toMatchObject({ items: [], total: 0 });
      }
    }
  });

  it('a staff list narrowed to a unit inside the subtree returns that unit (and its descendants on request)', async () => {
    const only = (await get(eastManager(), `/api/v1/staff?orgUnitId=${UNIT_ID['EAST-A']}&includeDescendants=false&pageSize=200`)).json() as TStaffList;
    expect(sorted(only.items.map((s) => s.username))).toEqual([...placement].filter(([, u]) => u === 'EAST-A').map(([n]) => n).sort());
    const deep = (await get(eastManager(), `/api/v1/staff?orgUnitId=${UNIT_ID['EAST-A']}&pageSize=200`)).json() as TStaffList;
    expect(sorted(deep.items.map((s) => s.username))).toEqual(staffVisibleAt('city'));
  });

  it('a text search does not reach outside the subtree', async () => {
    const res = await get(eastManager(), '/api/v1/staff?q=target&pageSize=200');
    expect(sorted((res.json() as TStaffList).items.map((s) => s.username))).toEqual(['target.east', 'target.easta', 'target.eastb', 'target.outlet']);
  });

  it('an audit search for an actor of another province returns nothing', async () => {
    const auditor = callers.find((c) => c.username === 'east.compliance_auditor')!;
    const res = await get(auditor, `/api/v1/audit-events?actorId=${staffId.get('target.westa')}`);
    expect(res.statusCode, res.body).toBe(OK);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
    const own = (await get(auditor, `/api/v1/audit-events?actorId=${staffId.get('target.eastb')}`)).json() as TAuditPage;
    expect(own.total).toBeGreaterThan(0);
  });
});

describe.each(WRITE_ACTIONS)('authorization matrix: %s', (action) => {
  it.each(cellsOf(action).map((cell) => ({ ...cell, name: `${cell.caller.role} @ ${cell.caller.level}` })))('$name → $expected', async ({ caller, expected }) => {
    await ACTIONS[action](caller, expected);
  });
});
