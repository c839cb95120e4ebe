import type { TCreatedStaff, TOrgUnit, TStaff, TStaffList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../platform/crypto/password.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';

// Route tests: each route walks 401 → 400 → 403 → 404 → success, then its business rules.
const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
const { units } = org;

const hqAdmin = await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.east.id, 'east.admin', ['admin']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.csr', ['csr']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.auditor', ['compliance_auditor']);
await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
const zhang = await seedStaff(ctx.db, org, units.eastA.id, 'zhang.san', ['agent'], { mobile: '13812345678', email: 'zhang.san@example.com' });
const westAgent = await seedStaff(ctx.db, org, units.westA.id, 'west.agent', ['agent'], { mobile: '13987654321' });

const token = {
  hqAdmin: await loginAs(ctx.app, 'hq.admin'),
  eastAdmin: await loginAs(ctx.app, 'east.admin'),
  csr: await loginAs(ctx.app, 'hq.csr'),
  auditor: await loginAs(ctx.app, 'hq.auditor'),
  eastManager: await loginAs(ctx.app, 'east.manager'),
};

const UNKNOWN_ID = '01960000-0000-7000-8000-000000000000';
const LICENCE = { number: 'LIC-2026-0001', validFrom: '2026-01-01', validTo: '2028-12-31' };

const createUnit = (t: string | undefined, payload: object) => ctx.request({ method: 'POST', url: '/api/v1/org-units', token: t, payload });
const patchUnit = (t: string | undefined, id: string, payload: object) => ctx.request({ method: 'PATCH', url: `/api/v1/org-units/${id}`, token: t, payload });
const createStaff = (t: string | undefined, payload: object) => ctx.request({ method: 'POST', url: '/api/v1/staff', token: t, payload });
const patchStaff = (t: string | undefined, id: string, payload: object) => ctx.request({ method: 'PATCH', url: `/api/v1/staff/${id}`, token: t, payload });
const unitRow = (id: string) => ctx.db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const staffRow = (id: string) => ctx.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('POST /api/v1/org-units', () => {
  const valid = () => ({ parentId: units.eastA.id, level: 'outlet', code: 'EAST-A-01', name: '东区A营业部' });

  it('401: refuses a caller without credentials before looking at the body', async () => {
    expectProblem(await createUnit(undefined, { nonsense: true }), 401, 'UNAUTHENTICATED');
    expectProblem(await createUnit('not-a-real-token', valid()), 401, 'AUTH_SESSION_EXPIRED');
  });

  it('400: names every invalid field', async () => {
    const res = await createUnit(token.hqAdmin, { parentId: 'x', level: 'village', code: 'a', name: '' });
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED', ['body.parentId', 'body.level', 'body.code', 'body.name']);
    expect(problem.errors!.find((e) => e.field === 'body.code')!.message).toBe('code must be 2–32 upper-case letters, digits, "-" or "_"');
    expectProblem(await createUnit(token.hqAdmin, {}), 400, 'VALIDATION_FAILED', ['body.parentId', 'body.level', 'body.code', 'body.name']);
    // Input is validated before permissions are checked (401 → 400 → 403).
    expectProblem(await createUnit(token.csr, { ...valid(), code: 'lower' }), 400, 'VALIDATION_FAILED', ['body.code']);
  });

  it('403: a role without org:manage may not open units', async () => {
    for (const t of [token.csr, token.auditor, token.eastManager]) expectProblem(await createUnit(t, valid()), 403, 'FORBIDDEN');
    expect(await ctx.db.selectFrom('org_unit').select('id').where('code', '=', 'EAST-A-01').executeTakeFirst()).toBeUndefined();
  });

  it('404: an unknown parent, or one outside the caller’s subtree', async () => {
    expectProblem(await createUnit(token.hqAdmin, { ...valid(), parentId: UNKNOWN_ID }), 404, 'NOT_FOUND', ['body.parentId']);
    expectProblem(await createUnit(token.eastAdmin, { parentId: units.westA.id, level: 'outlet', code: 'WEST-A-99', name: 'x' }), 404, 'NOT_FOUND', ['body.parentId']);
    expectProblem(await createUnit(token.eastAdmin, { parentId: units.hq.id, level: 'province', code: 'NORTH', name: 'x' }), 404, 'NOT_FOUND', ['body.parentId']);
  });

  it('201: opens the unit one level below its parent', async () => {
    const res = await createUnit(token.eastAdmin, valid());
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json() as TOrgUnit;
    expect(unit).toMatchObject({ parentId: units.eastA.id, level: 'outlet', code: 'EAST-A-01', name: '东区A营业部', status: 'active', staffCount: 0, version: 1 });
    const row = await unitRow(unit.id);
    expect(row.path).toBe(`${(await unitRow(units.eastA.id)).path}${unit.id}/`);
  });

  it.each([
    ['a city directly under head office', 'hq', 'city', 'must be province under a hq'],
    ['a province under a province', 'east', 'province', 'must be city under a province'],
    ['an outlet under a province', 'east', 'outlet', 'must be city under a province'],
    ['a second head office', 'hq', 'hq', 'must be province under a hq'],
    ['a province under a city', 'eastA', 'province', 'must be outlet under a city'],
  ] as const)('400 ORG_INVALID_PARENT: %s', async (_name, parent, level, message) => {
    const problem = expectProblem(await createUnit(token.hqAdmin, { parentId: units[parent].id, level, code: 'WRONG-LEVEL', name: 'x' }), 400, 'ORG_INVALID_PARENT', ['body.level']);
    expect(problem.errors![0]!.message).toBe(message);
  });

  it('400 ORG_INVALID_PARENT: nothing goes under an outlet', async () => {
    const outlet = await ctx.db.selectFrom('org_unit').select('id').where('code', '=', 'EAST-A-01').executeTakeFirstOrThrow();
    const problem = expectProblem(await createUnit(token.hqAdmin, { parentId: outlet.id, level: 'outlet', code: 'DEEPER', name: 'x' }), 400, 'ORG_INVALID_PARENT', ['body.level']);
    expect(problem.errors![0]!.message).toBe('outlet units have no children');
  });

  it('409 DUPLICATE: a code already used anywhere in the company', async () => {
    expectProblem(await createUnit(token.hqAdmin, { parentId: units.westA.id, level: 'outlet', code: 'EAST-A-01', name: 'x' }), 409, 'DUPLICATE', ['body.code']);
    expectProblem(await createUnit(token.hqAdmin, { parentId: units.hq.id, level: 'province', code: 'WEST', name: 'x' }), 409, 'DUPLICATE', ['body.code']);
  });
});

describe('PATCH /api/v1/org-units/:id', () => {
  it('401: without credentials', async () => {
    expectProblem(await patchUnit(undefined, units.westA.id, { name: 'x', version: 1 }), 401, 'UNAUTHENTICATED');
  });

  it('400: invalid id, missing version, invalid fields', async () => {
    expectProblem(await patchUnit(token.hqAdmin, 'abc', { version: 1 }), 400, 'VALIDATION_FAILED', ['params.id']);
    expectProblem(await patchUnit(token.hqAdmin, units.westA.id, { name: 'x' }), 400, 'VALIDATION_FAILED', ['body.version']);
    expectProblem(await patchUnit(token.hqAdmin, units.westA.id, { name: '', status: 'gone', version: 0 }), 400, 'VALIDATION_FAILED', ['body.name', 'body.status', 'body.version']);
  });

  it('403: a role without org:manage, and an administrator on its own unit', async () => {
    expectProblem(await patchUnit(token.csr, units.westA.id, { name: 'x', version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await patchUnit(token.eastManager, units.eastA.id, { name: 'x', version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await patchUnit(token.eastAdmin, units.east.id, { name: 'Renamed by itself', version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await patchUnit(token.hqAdmin, units.hq.id, { status: 'closed', version: 1 }), 403, 'FORBIDDEN');
    expect((await unitRow(units.east.id)).name).toBe('East province');
  });

  it('404: an unknown unit, or one outside the caller’s subtree', async () => {
    expectProblem(await patchUnit(token.hqAdmin, UNKNOWN_ID, { name: 'x', version: 1 }), 404, 'NOT_FOUND');
    expectProblem(await patchUnit(token.eastAdmin, units.westA.id, { name: 'x', version: 1 }), 404, 'NOT_FOUND');
    expectProblem(await patchUnit(token.eastAdmin, units.hq.id, { name: 'x', version: 1 }), 404, 'NOT_FOUND');
  });

  it('200: renames with the current version, which then moves on', async () => {
    const res = await patchUnit(token.eastAdmin, units.eastB.id, { name: '东区B中心支公司', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: units.eastB.id, name: '东区B中心支公司', version: 2, status: 'active' });
  });

  it('409 VERSION_CONFLICT: a stale version changes nothing', async () => {
    expectProblem(await patchUnit(token.hqAdmin, units.eastB.id, { name: 'Lost update', version: 1 }), 409, 'VERSION_CONFLICT');
    expect(await unitRow(units.eastB.id)).toMatchObject({ name: '东区B中心支公司', version: 2 });
  });

  it('409 ORG_UNIT_NOT_EMPTY: a unit with active sub-units or active staff cannot close', async () => {
    const east = await unitRow(units.east.id);
    expect(expectProblem(await patchUnit(token.hqAdmin, units.east.id, { status: 'closed', version: east.version }), 409, 'ORG_UNIT_NOT_EMPTY').detail).toBe(
      'The unit still has 2 active sub-units and 2 active staff',
    );
    const westA = await unitRow(units.westA.id);
    expectProblem(await patchUnit(token.hqAdmin, units.westA.id, { status: 'closed', version: westA.version }), 409, 'ORG_UNIT_NOT_EMPTY');
    expect((await unitRow(units.westA.id)).status).toBe('active');
  });

  it('200: a unit whose staff are all disabled can close; a closed unit takes no new staff or sub-units', async () => {
    const agent = await staffRow(westAgent.staff.id);
    expect((await patchStaff(token.hqAdmin, agent.id, { status: 'disabled', version: agent.version })).statusCode).toBe(200);
    const westA = await unitRow(units.westA.id);
    const res = await patchUnit(token.hqAdmin, units.westA.id, { status: 'closed', version: westA.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', version: westA.version + 1 });
    expectProblem(await createStaff(token.hqAdmin, { username: 'late.joiner', displayName: 'Late', orgUnitId: units.westA.id, roles: ['csr'] }), 400, 'VALIDATION_FAILED', ['body.orgUnitId']);
    expectProblem(await createUnit(token.hqAdmin, { parentId: units.westA.id, level: 'outlet', code: 'WEST-A-01', name: 'x' }), 400, 'ORG_INVALID_PARENT', ['body.parentId']);
  });
});

describe('POST /api/v1/staff', () => {
  const valid = (username: string) => ({ username, displayName: '李雷', orgUnitId: units.eastA.id, roles: ['csr'], mobile: '13700001111', email: 'li.lei@example.com' });

  it('401: without credentials', async () => {
    expectProblem(await createStaff(undefined, valid('nobody.creates')), 401, 'UNAUTHENTICATED');
  });

  it('400: names every invalid field', async () => {
    const res = await createStaff(token.hqAdmin, { username: '1x', displayName: '', orgUnitId: 'nope', roles: [], mobile: '12345', email: 'not-mail' });
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED', ['body.username', 'body.displayName', 'body.orgUnitId', 'body.roles', 'body.mobile', 'body.email']);
    expect(problem.errors!.find((e) => e.field === 'body.mobile')!.message).toBe('mobile must be an 11-digit mainland mobile number');
    expect(problem.errors!.find((e) => e.field === 'body.roles')!.message).toBe('at least one role is required');
    expectProblem(await createStaff(token.hqAdmin, { ...valid('bad.role'), roles: ['pilot'] }), 400, 'VALIDATION_FAILED', ['body.roles.0']);
    expectProblem(
      await createStaff(token.hqAdmin, { ...valid('bad.licence'), roles: ['agent'], licence: { number: 'LIC-1', validFrom: '2027-01-01', validTo: '2026-01-01' } }),
      400,
      'VALIDATION_FAILED',
      ['body.licence.validTo'],
    );
  });

  it('403: a role without staff:manage, even one that may read staff', async () => {
    for (const t of [token.csr, token.auditor, token.eastManager]) expectProblem(await createStaff(t, valid('not.created')), 403, 'FORBIDDEN');
    expect(await ctx.db.selectFrom('staff').select('id').where('username', '=', 'not.created').executeTakeFirst()).toBeUndefined();
  });

  it('404: an unknown unit, or one outside the caller’s subtree', async () => {
    expectProblem(await createStaff(token.hqAdmin, { ...valid('lost.one'), orgUnitId: UNKNOWN_ID }), 404, 'NOT_FOUND', ['body.orgUnitId']);
    expectProblem(await createStaff(token.eastAdmin, { ...valid('lost.two'), orgUnitId: units.west.id }), 404, 'NOT_FOUND', ['body.orgUnitId']);
  });

  it('201: creates the account with a one-time password that meets the policy and must be changed', async () => {
    const res = await createStaff(token.eastAdmin, { ...valid('Li.Lei'), roles: ['csr', 'csr'] });
    expect(res.statusCode, res.body).toBe(201);
    const { staff, initialPassword } = res.json() as TCreatedStaff;
    expect(staff).toMatchObject({ username: 'li.lei', displayName: '李雷', orgUnitId: units.eastA.id, orgUnitLevel: 'city', roles: ['csr'], status: 'active', mustChangePassword: true, licence: null, version: 1 });
    // The creation response masks contact data like every other read.
    expect(staff.mobile).toBe('137****1111');
    expect(checkPasswordPolicy(initialPassword, 'li.lei')).toEqual([]);
    const login = await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'li.lei', password: initialPassword } });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json()).toMatchObject({ user: { username: 'li.lei', mustChangePassword: true } });
  });

  it('409 DUPLICATE: a username already taken (compared case-insensitively)', async () => {
    expectProblem(await createStaff(token.hqAdmin, valid('LI.LEI')), 409, 'DUPLICATE', ['body.username']);
    expectProblem(await createStaff(token.hqAdmin, { ...valid('zhang.san'), orgUnitId: units.west.id }), 409, 'DUPLICATE', ['body.username']);
  });

  it('400 STAFF_LICENCE_REQUIRED: an agent without a practising licence; with one it is created', async () => {
    expectProblem(await createStaff(token.hqAdmin, { ...valid('agent.nolicence'), roles: ['csr', 'agent'] }), 400, 'STAFF_LICENCE_REQUIRED', ['body.licence']);
    const res = await createStaff(token.hqAdmin, { ...valid('agent.licensed'), roles: ['agent'], licence: LICENCE });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as TCreatedStaff).staff.licence).toEqual(LICENCE);
  });

  it('400 AUTH_WEAK_PASSWORD: a given initial password must meet the policy', async () => {
    expectProblem(await createStaff(token.hqAdmin, { ...valid('weak.one'), initialPassword: 'onlyletters' }), 400, 'AUTH_WEAK_PASSWORD', ['body.initialPassword']);
    expectProblem(await createStaff(token.hqAdmin, { ...valid('weak.two'), initialPassword: 'weak.two-2026' }), 400, 'AUTH_WEAK_PASSWORD', ['body.initialPassword']);
    expectProblem(await createStaff(token.hqAdmin, { ...valid('weak.three'), initialPassword: 'short1' }), 400, 'VALIDATION_FAILED', ['body.initialPassword']);
  });
});

describe('GET /api/v1/staff', () => {
  it('401: without credentials', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff' }), 401, 'UNAUTHENTICATED');
  });

  it('400: invalid paging and filters', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff?pageSize=1000&role=pilot', token: token.hqAdmin }), 400, 'VALIDATION_FAILED', ['querystring.pageSize', 'querystring.role']);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff?page=0&orgUnitId=x', token: token.hqAdmin }), 400, 'VALIDATION_FAILED', ['querystring.page', 'querystring.orgUnitId']);
  });

  it('403: a role without staff:read', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff', token: token.csr }), 403, 'FORBIDDEN');
  });

  it('200: lists with masked contact data (138****5678, z***@example.com)', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/v1/staff?q=zhang', token: token.hqAdmin });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as TStaffList;
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ username: 'zhang.san', mobile: '138****5678', email: 'z***@example.com', licence: { number: 'LIC-zhang.san' } });
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('zhang.san@example.com');
  });

  it('200: filters by role and status, and pages in a stable order', async () => {
    const agents = (await ctx.request({ method: 'GET', url: '/api/v1/staff?role=agent&status=active', token: token.hqAdmin })).json() as TStaffList;
    expect(agents.items.map((s) => s.username).sort()).toEqual(['agent.licensed', 'zhang.san']);
    const all = (await ctx.request({ method: 'GET', url: '/api/v1/staff?pageSize=200', token: token.hqAdmin })).json() as TStaffList;
    const page2 = (await ctx.request({ method: 'GET', url: '/api/v1/staff?pageSize=3&page=2', token: token.hqAdmin })).json() as TStaffList;
    expect(page2).toMatchObject({ page: 2, pageSize: 3, total: all.total });
    expect(page2.items.map((s) => s.id)).toEqual(all.items.slice(3, 6).map((s) => s.id));
  });
});

describe('GET /api/v1/staff/:id', () => {
  const url = (id: string, purpose?: string) => `/api/v1/staff/${id}${purpose ? `?purpose=${encodeURIComponent(purpose)}` : ''}`;
  const viewedEvents = () => ctx.db.selectFrom('audit_event').selectAll().where('action', '=', 'staff.viewed').where('entity_id', '=', zhang.staff.id).execute();

  it('401: without credentials', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: url(zhang.staff.id) }), 401, 'UNAUTHENTICATED');
  });

  it('400: an invalid id, a purpose too short to mean anything', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: url('abc'), token: token.hqAdmin }), 400, 'VALIDATION_FAILED', ['params.id']);
    expectProblem(await ctx.request({ method: 'GET', url: url(zhang.staff.id, 'x'), token: token.hqAdmin }), 400, 'VALIDATION_FAILED', ['querystring.purpose']);
  });

  it('403: a role without staff:read; unmasking without staff:unmask', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: url(zhang.staff.id), token: token.csr }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: url(zhang.staff.id, 'customer callback'), token: token.auditor }), 403, 'FORBIDDEN');
    expect(await viewedEvents()).toEqual([]);
  });

  it('404: an unknown id, or a colleague outside the caller’s subtree', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: url(UNKNOWN_ID), token: token.hqAdmin }), 404, 'NOT_FOUND');
    const res = await ctx.request({ method: 'GET', url: url(westAgent.staff.id, 'customer callback'), token: token.eastManager });
    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.body).not.toContain('west.agent');
  });

  it('200: masked by default, and reading it so is not an audited unmasking', async () => {
    const res = await ctx.request({ method: 'GET', url: url(zhang.staff.id), token: token.eastManager });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ username: 'zhang.san', mobile: '138****5678', email: 'z***@example.com' });
    expect(await viewedEvents()).toEqual([]);
  });

  it('200 with ?purpose=: unmasked, and a staff.viewed audit event records who, where, why and the request', async () => {
    const res = await ctx.request({ method: 'GET', url: url(zhang.staff.id, 'verify identity for callback'), token: token.eastManager, headers: { 'x-request-id': 'unmask-req-1' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mobile: '13812345678', email: 'zhang.san@example.com' });
    const events = await viewedEvents();
    expect(events).toHaveLength(1);
    const manager = await ctx.db.selectFrom('staff').select(['id', 'org_unit_id']).where('username', '=', 'east.manager').executeTakeFirstOrThrow();
    expect(events[0]).toMatchObject({
      actor_id: manager.id,
      actor_name: 'east.manager',
      actor_org_unit_id: manager.org_unit_id,
      entity_type: 'staff',
      entity_id: zhang.staff.id,
      purpose: 'verify identity for callback',
      request_id: 'unmask-req-1',
      data: { fields: ['email', 'mobile'] },
    });
  });
});

describe('PATCH /api/v1/staff/:id', () => {
  it('401: without credentials', async () => {
    expectProblem(await patchStaff(undefined, zhang.staff.id, { displayName: 'x', version: 1 }), 401, 'UNAUTHENTICATED');
  });

  it('400: missing version and invalid fields', async () => {
    expectProblem(await patchStaff(token.hqAdmin, zhang.staff.id, { displayName: 'x' }), 400, 'VALIDATION_FAILED', ['body.version']);
    expectProblem(await patchStaff(token.hqAdmin, zhang.staff.id, { mobile: '555', roles: [], status: 'gone', version: 1 }), 400, 'VALIDATION_FAILED', ['body.mobile', 'body.roles', 'body.status']);
    expectProblem(await patchStaff(token.hqAdmin, 'abc', { version: 1 }), 400, 'VALIDATION_FAILED', ['params.id']);
  });

  it('403: a role without staff:manage', async () => {
    for (const t of [token.csr, token.eastManager, token.auditor]) expectProblem(await patchStaff(t, zhang.staff.id, { displayName: 'x', version: 1 }), 403, 'FORBIDDEN');
  });

  it('404: an unknown id, or a colleague outside the caller’s subtree', async () => {
    expectProblem(await patchStaff(token.hqAdmin, UNKNOWN_ID, { displayName: 'x', version: 1 }), 404, 'NOT_FOUND');
    const west = await staffRow(westAgent.staff.id);
    expectProblem(await patchStaff(token.eastAdmin, west.id, { displayName: 'x', version: west.version }), 404, 'NOT_FOUND');
    expect((await staffRow(west.id)).version).toBe(west.version);
  });

  it('200: changes the account and moves its version on', async () => {
    const before = await staffRow(zhang.staff.id);
    const res = await patchStaff(token.eastAdmin, zhang.staff.id, { displayName: '张三丰', mobile: '13811112222', version: before.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '张三丰', mobile: '138****2222', version: before.version + 1 });
    expect(await staffRow(zhang.staff.id)).toMatchObject({ display_name: '张三丰', mobile: '13811112222' });
  });

  it('409 VERSION_CONFLICT: a stale version changes nothing', async () => {
    const current = await staffRow(zhang.staff.id);
    expectProblem(await patchStaff(token.hqAdmin, zhang.staff.id, { displayName: 'Lost update', version: current.version - 1 }), 409, 'VERSION_CONFLICT');
    expect(await staffRow(zhang.staff.id)).toEqual(current);
  });

  it('404: moving a colleague to a unit outside the caller’s subtree', async () => {
    const current = await staffRow(zhang.staff.id);
    expectProblem(await patchStaff(token.eastAdmin, zhang.staff.id, { orgUnitId: units.west.id, version: current.version }), 404, 'NOT_FOUND', ['body.orgUnitId']);
  });

  it('400 STAFF_LICENCE_REQUIRED: removing an agent’s licence, or making someone an agent without one', async () => {
    const agent = await staffRow(zhang.staff.id);
    expectProblem(await patchStaff(token.hqAdmin, agent.id, { licence: null, version: agent.version }), 400, 'STAFF_LICENCE_REQUIRED', ['body.licence']);
    const csr = await ctx.db.selectFrom('staff').selectAll().where('username', '=', 'li.lei').executeTakeFirstOrThrow();
    expectProblem(await patchStaff(token.hqAdmin, csr.id, { roles: ['csr', 'agent'], version: csr.version }), 400, 'STAFF_LICENCE_REQUIRED', ['body.licence']);
    const res = await patchStaff(token.hqAdmin, csr.id, { roles: ['csr', 'agent'], licence: LICENCE, version: csr.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['csr', 'agent'], licence: LICENCE });
  });

  it('403 STAFF_SELF_CHANGE_FORBIDDEN: no one changes their own roles, unit or status; their own name is fine', async () => {
    const self = await staffRow(hqAdmin.staff.id);
    for (const change of [{ roles: ['csr'] }, { status: 'disabled' }, { orgUnitId: units.east.id }]) {
      expectProblem(await patchStaff(token.hqAdmin, self.id, { ...change, version: self.version }), 403, 'STAFF_SELF_CHANGE_FORBIDDEN');
    }
    expect(await staffRow(self.id)).toEqual(self);
    const res = await patchStaff(token.hqAdmin, self.id, { displayName: 'Head-office admin', version: self.version });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('POST /api/v1/staff/:id/reset-password', () => {
  const reset = (t: string | undefined, id: string) => ctx.request({ method: 'POST', url: `/api/v1/staff/${id}/reset-password`, token: t });

  it('401: without credentials', async () => {
    expectProblem(await reset(undefined, zhang.staff.id), 401, 'UNAUTHENTICATED');
  });

  it('400: an invalid id', async () => {
    expectProblem(await reset(token.hqAdmin, 'abc'), 400, 'VALIDATION_FAILED', ['params.id']);
  });

  it('403: a role without staff:manage, and an administrator on itself', async () => {
    for (const t of [token.csr, token.eastManager]) expectProblem(await reset(t, zhang.staff.id), 403, 'FORBIDDEN');
    expectProblem(await reset(token.hqAdmin, hqAdmin.staff.id), 403, 'STAFF_SELF_CHANGE_FORBIDDEN');
  });

  it('404: an unknown id, or a colleague outside the caller’s subtree', async () => {
    expectProblem(await reset(token.hqAdmin, UNKNOWN_ID), 404, 'NOT_FOUND');
    const before = await staffRow(westAgent.staff.id);
    expectProblem(await reset(token.eastAdmin, westAgent.staff.id), 404, 'NOT_FOUND');
    expect((await staffRow(westAgent.staff.id)).password_hash).toBe(before.password_hash);
  });

  it('200: a new one-time password that works and must be changed; the old one no longer works', async () => {
    const res = await reset(token.eastAdmin, zhang.staff.id);
    expect(res.statusCode, res.body).toBe(200);
    const { initialPassword } = res.json() as { initialPassword: string };
    expect(checkPasswordPolicy(initialPassword)).toEqual([]);
    expect((await staffRow(zhang.staff.id)).must_change_password).toBe(true);
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhang.san', password: 'test-password-2026' } }), 401, 'AUTH_INVALID_CREDENTIALS');
    const login = await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhang.san', password: initialPassword } });
    expect(login.statusCode, login.body).toBe(200);
    expect((login.json() as { user: TStaff }).user.mustChangePassword).toBe(true);
  });
});
