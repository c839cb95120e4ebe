import { ROLES, type TLoginResponse, type TMe, type TOrgLevel, type TRole, type TStaffList } from '@anxin/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../platform/crypto/password.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { createTestContext } from '../test/context.ts';
import { seedOrg } from '../test/factories.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo-org.ts';
import { cipherFor } from '../app.ts';
import { loadDemo } from './index.ts';

const ctx = await createTestContext();
const result = await loadDemo(ctx.db, cipherFor(ctx.config), ctx.config.uploadDir);
// A second, separate database holding a real (non-demo) organisation.
const other = await createTestContext();
await seedOrg(other.db);

/** The demo insurer as the README describes it, written out. */
const EXPECTED_UNITS: Record<string, { level: TOrgLevel; parent: string | null }> = {
  HQ: { level: 'hq', parent: null },
  ZJ: { level: 'province', parent: 'HQ' },
  GD: { level: 'province', parent: 'HQ' },
  SC: { level: 'province', parent: 'HQ' },
  'ZJ-HZ': { level: 'city', parent: 'ZJ' },
  'ZJ-NB': { level: 'city', parent: 'ZJ' },
  'GD-GZ': { level: 'city', parent: 'GD' },
  'GD-SZ': { level: 'city', parent: 'GD' },
  'SC-CD': { level: 'city', parent: 'SC' },
  'SC-MY': { level: 'city', parent: 'SC' },
};

const countOf = async (table: 'org_unit' | 'staff') => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(ctx.db)).rows[0]!.n);
const login = (username: string, password = DEMO_PASSWORD) => ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('loadDemo on an empty database', () => {
  it('reports the loaded demo with its password and 90 accounts', () => {
    expect(result).toMatchObject({ status: 'loaded', password: DEMO_PASSWORD });
    expect(result.status === 'loaded' && result.accounts).toHaveLength(90);
  });

  it('creates 1 head office, 3 provinces and 6 cities, each under the right parent', async () => {
    const units = await ctx.db.selectFrom('org_unit as o').leftJoin('org_unit as p', 'p.id', 'o.parent_id').select(['o.code', 'o.level', 'o.status', 'p.code as parent']).execute();
    expect(units).toHaveLength(10);
    expect(Object.fromEntries(units.map((u) => [u.code, { level: u.level, parent: u.parent }]))).toEqual(EXPECTED_UNITS);
    expect(units.every((u) => u.status === 'active')).toBe(true);
  });

  it('puts every role in every unit exactly once: 90 active staff who log straight in', async () => {
    const staff = await ctx.db
      .selectFrom('staff as s')
      .innerJoin('org_unit as o', 'o.id', 's.org_unit_id')
      .select(['s.username', 's.roles', 's.status', 's.must_change_password', 'o.code'])
      .execute();
    expect(staff).toHaveLength(90);
    const pairs = staff.map((s) => {
      expect(s.roles).toHaveLength(1);
      return `${s.code}/${s.roles[0]}`;
    });
    const expectedPairs = Object.keys(EXPECTED_UNITS).flatMap((code) => ROLES.map((role) => `${code}/${role}`));
    expect(pairs.sort()).toEqual(expectedPairs.sort());
    expect(staff.every((s) => s.status === 'active' && s.must_change_password === false)).toBe(true);
    expect(staff.find((s) => s.username === 'admin')).toMatchObject({ code: 'HQ', roles: ['admin'] });
    expect(staff.find((s) => s.username === 'hz.agent')).toMatchObject({ code: 'ZJ-HZ', roles: ['agent'] });
  });

  it('agents carry a valid practising licence; nobody else has one', async () => {
    const staff = await ctx.db.selectFrom('staff').select(['username', 'roles', 'licence_no', 'licence_valid_from', 'licence_valid_to']).execute();
    const agents = staff.filter((s) => s.roles.includes('agent'));
    expect(agents).toHaveLength(10);
    for (const a of agents) {
      expect(a.licence_no, a.username).toMatch(/^\d{18}$/);
      expect(a.licence_valid_from! <= a.licence_valid_to!).toBe(true);
    }
    expect(new Set(agents.map((a) => a.licence_no)).size).toBe(10);
    expect(staff.filter((s) => !s.roles.includes('agent')).every((s) => s.licence_no === null)).toBe(true);
  });

  it('every account’s stored hash is a scrypt hash of the demo password', async () => {
    const hashes = await ctx.db.selectFrom('staff').select('password_hash').distinct().execute();
    for (const { password_hash } of hashes) {
      expect(password_hash.startsWith('scrypt$')).toBe(true);
      expect(await verifyPassword(DEMO_PASSWORD, password_hash)).toBe(true);
    }
  });

  it('records the load in an intact audit chain', async () => {
    const events = await ctx.db.selectFrom('audit_event').select(['action', 'data']).where('action', '=', 'system.bootstrapped').execute();
    expect(events).toEqual([{ action: 'system.bootstrapped', data: { demo: true, staff: 90 } }]);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, brokenAt: null });
  });
});

describe('demo accounts log in through the real route', () => {
  // A sample covering all nine roles and all three levels, checked in detail.
  const SAMPLE: [username: string, role: TRole, level: TOrgLevel, unit: string][] = [
    ['admin', 'admin', 'hq', 'HQ'],
    ['hq.compliance_auditor', 'compliance_auditor', 'hq', 'HQ'],
    ['hq.analyst', 'analyst', 'hq', 'HQ'],
    ['zj.branch_manager', 'branch_manager', 'province', 'ZJ'],
    ['zj.admin', 'admin', 'province', 'ZJ'],
    ['gd.underwriter', 'underwriter', 'province', 'GD'],
    ['sc.claims_adjuster', 'claims_adjuster', 'province', 'SC'],
    ['hz.agent', 'agent', 'city', 'ZJ-HZ'],
    ['hz.csr', 'csr', 'city', 'ZJ-HZ'],
    ['nb.claims_adjuster', 'claims_adjuster', 'city', 'ZJ-NB'],
    ['gz.complaint_handler', 'complaint_handler', 'city', 'GD-GZ'],
    ['sz.analyst', 'analyst', 'city', 'GD-SZ'],
    ['cd.underwriter', 'underwriter', 'city', 'SC-CD'],
    ['my.compliance_auditor', 'compliance_auditor', 'city', 'SC-MY'],
  ];

  it('the sample covers every role and every level', () => {
    expect(new Set(SAMPLE.map(([, role]) => role))).toEqual(new Set(ROLES));
    expect(new Set(SAMPLE.map(([, , level]) => level))).toEqual(new Set(['hq', 'province', 'city']));
  });

  it.each(SAMPLE)('%s (%s at %s %s)', async (username, role, level, unit) => {
    const res = await login(username);
    expect(res.statusCode, res.body).toBe(200);
    const { token, user } = res.json() as TLoginResponse;
    expect(user).toMatchObject({ username, roles: [role], orgUnitLevel: level, mustChangePassword: false });
    const unitRow = await ctx.db.selectFrom('org_unit').select('code').where('id', '=', user.orgUnitId).executeTakeFirstOrThrow();
    expect(unitRow.code).toBe(unit);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/auth/me', token });
    expect((me.json() as TMe).username).toBe(username);
  });

  it('all 90 accounts, in parallel', async () => {
    const accounts = demoAccounts();
    expect(accounts).toHaveLength(90);
    const responses = await Promise.all(accounts.map((a) => login(a.username)));
    responses.forEach((res, i) => {
      expect(res.statusCode, `${accounts[i]!.username}: ${res.body}`).toBe(200);
      expect((res.json() as TLoginResponse).user).toMatchObject({ username: accounts[i]!.username, roles: [accounts[i]!.role] });
    });
  });

  it('a wrong password is refused for demo accounts too', async () => {
    expect((await login('hz.agent', 'anxin-demo-2025')).statusCode).toBe(401);
  });

  it('the demo org scopes data like any other: a province manager sees its province and cities only', async () => {
    const token = ((await login('zj.branch_manager')).json() as TLoginResponse).token;
    const res = await ctx.request({ method: 'GET', url: '/api/v1/staff?pageSize=200', token });
    const usernames = (res.json() as TStaffList).items.map((s) => s.username);
    expect(usernames).toHaveLength(27);
    expect(usernames.every((u) => /^(zj|hz|nb)\./.test(u))).toBe(true);
  });
});

describe('loading again', () => {
  it('a second call reports already-loaded and changes nothing', async () => {
    const before = { units: await countOf('org_unit'), staff: await countOf('staff') };
    const again = await loadDemo(ctx.db, cipherFor(ctx.config), ctx.config.uploadDir);
    expect(again).toMatchObject({ status: 'already-loaded', password: DEMO_PASSWORD });
    expect({ units: await countOf('org_unit'), staff: await countOf('staff') }).toEqual(before);
    expect(before).toEqual({ units: 10, staff: 90 });
  });
});

describe('a database with a real organisation', () => {
  const countIn = async (table: 'org_unit' | 'staff') => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(other.db)).rows[0]!.n);

  it('is refused and left untouched', async () => {
    const before = { units: await countIn('org_unit'), staff: await countIn('staff') };
    const refused = await loadDemo(other.db, cipherFor(ctx.config), ctx.config.uploadDir);
    expect(refused.status).toBe('refused');
    expect(refused.status === 'refused' && refused.reason).toMatch(/not the demo/);
    expect({ units: await countIn('org_unit'), staff: await countIn('staff') }).toEqual(before);
    expect(await other.db.selectFrom('org_unit').select('id').where('code', '=', 'ZJ-HZ').executeTakeFirst()).toBeUndefined();
  });
});
