import type { TColleagueList } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';

const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
const { units } = org;
const csr = await seedStaff(ctx.db, org, units.eastA.id, 'a.csr', ['csr']);
await seedStaff(ctx.db, org, units.eastA.id, 'a.agent', ['agent'], { mobile: '13912345678' });
await seedStaff(ctx.db, org, units.eastA.id, 'a.underwriter', ['underwriter']);
await seedStaff(ctx.db, org, units.eastB.id, 'b.adjuster', ['claims_adjuster']);
await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.westA.id, 'w.agent', ['agent']);
const gone = await seedStaff(ctx.db, org, units.eastA.id, 'a.gone', ['agent']);
await ctx.db.updateTable('staff').set({ status: 'disabled' }).where('id', '=', gone.staff.id).execute();
const token = { csr: await loginAs(ctx.app, 'a.csr'), manager: await loginAs(ctx.app, 'east.manager'), agent: await loginAs(ctx.app, 'a.agent') };

const colleagues = async (t: string, query = '') => {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/colleagues${query}`, token: t });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TColleagueList).items;
};
const names = (items: TColleagueList['items']) => items.map((c) => c.username);

describe('GET /api/v1/colleagues', () => {
  it('lets any staff member pick an active colleague of their subtree, by name and unit only', async () => {
    // A CSR has no staff:read, yet must choose a customer's owner agent or a task's assignee.
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff?page=1&pageSize=20', token: token.csr }), 403, 'FORBIDDEN');
    const agents = await colleagues(token.csr, '?role=agent');
    expect(names(agents)).toEqual(['a.agent']); // not the disabled one, not West's
    expect(agents[0]).toEqual({ id: expect.any(String), displayName: 'a.agent', username: 'a.agent', unitName: 'East city A', active: true });
    expect(JSON.stringify(agents)).not.toContain('13912345678');
    expect(names(await colleagues(token.manager, '?role=agent'))).toEqual(['a.agent']);
    expect(names(await colleagues(token.manager, '?q=ADJ'))).toEqual(['b.adjuster']);
    expect(await colleagues(token.csr, `?id=${csr.staff.id}`)).toHaveLength(1);
    // One id is found whatever its status: a disabled owner still shows by name.
    expect(await colleagues(token.csr, `?id=${gone.staff.id}`)).toEqual([expect.objectContaining({ id: gone.staff.id, active: false })]);
  });

  it('filters by the roles that grant a permission, and by a unit of the caller’s scope', async () => {
    expect(names(await colleagues(token.manager, '?permission=risk_alert:work')).sort()).toEqual(['a.underwriter', 'b.adjuster', 'east.manager']);
    expect(names(await colleagues(token.manager, `?permission=risk_alert:work&underUnitId=${units.eastA.id}`))).toEqual(['a.underwriter']);
    expect(names(await colleagues(token.manager, '?permission=risk_alert:work&role=agent'))).toEqual([]);
    expect(await colleagues(token.csr, `?underUnitId=${units.westA.id}`)).toEqual([]);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/colleagues?permission=everything', token: token.csr }), 400, 'VALIDATION_FAILED', ['querystring.permission']);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/colleagues' }), 401, 'UNAUTHENTICATED');
  });
});
