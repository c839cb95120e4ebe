import type { TCorrectiveAction } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { createCustomer } from '../customers/index.ts';
import { escalateOverdueActions } from './corrective-action.service.ts';
import { createComplaint } from './complaint-write.service.ts';

// Corrective actions (纠改措施) on the real server: created from a complaint, completed with
// evidence by the owner unit, verified by a manager; overdue ones escalate one level up (fake clock).
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const { units, system } = org;
await seedStaff(ctx.db, org, units.eastA.id, 'ea.handler', ['complaint_handler']);
await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, units.westA.id, 'wa.handler', ['complaint_handler']);
const handler = await loginAs(ctx.app, 'ea.handler');
const manager = await loginAs(ctx.app, 'east.manager');
const westHandler = await loginAs(ctx.app, 'wa.handler');
const customer = (await createCustomer(deps, system, { name: '冯磊', orgUnitId: units.eastA.id })).id;
const complaintId = await createComplaint(deps, system, { customerId: customer, channel: 'hotline', category: 'sales', subReason: 'misleading_sales', subject: '销售误导', description: '业务员承诺保本' });

const post = (token: string, url: string, payload: object) => ctx.request({ method: 'POST', url, token, payload });

describe('corrective actions', () => {
  it('owner completes with evidence, a manager verifies the effect; scope and roles are enforced', async () => {
    const body = { complaintId, ownerUnitId: units.eastA.id, title: '销售话术培训', rootCause: '业务员对分红险收益演示不规范', dueOn: '2099-12-31' };
    expectProblem(await post(handler, '/api/v1/corrective-actions', { ...body, complaintId: undefined }), 400, 'VALIDATION_FAILED', ['body.complaintId']);
    expectProblem(await post(westHandler, '/api/v1/corrective-actions', body), 404, 'NOT_FOUND', ['body.ownerUnitId']);
    expectProblem(await post(handler, '/api/v1/corrective-actions', { ...body, dueOn: '2020-01-01' }), 400, 'VALIDATION_FAILED', ['body.dueOn']);
    const created = await post(handler, '/api/v1/corrective-actions', body);
    expect(created.statusCode, created.body).toBe(201);
    let action = created.json() as TCorrectiveAction;
    expect(action).toMatchObject({ status: 'open', overdue: false, complaint: { id: complaintId }, ownerUnit: { id: units.eastA.id } });
    expectProblem(await post(handler, `/api/v1/corrective-actions/${action.id}/progress`, { action: 'verify', effect: 'x', version: action.version }), 403, 'FORBIDDEN');
    let res = await post(handler, `/api/v1/corrective-actions/${action.id}/progress`, { action: 'complete', evidence: '已组织全员培训，签到表见附件', version: action.version });
    expect(res.statusCode, res.body).toBe(200);
    action = res.json() as TCorrectiveAction;
    res = await post(manager, `/api/v1/corrective-actions/${action.id}/progress`, { action: 'verify', effect: '次月同类投诉为零', version: action.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'verified', evidence: '已组织全员培训，签到表见附件', effect: '次月同类投诉为零' });
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/corrective-actions', token: westHandler })).json() as { items: TCorrectiveAction[] };
    expect(list.items).toEqual([]);
  });

  it('an overdue action is escalated once to the unit above', async () => {
    const created = await post(handler, '/api/v1/corrective-actions', { complaintId, ownerUnitId: units.eastA.id, title: '回访制度整改', rootCause: '回访未执行', dueOn: '2099-01-31' });
    const action = created.json() as TCorrectiveAction;
    expect(await escalateOverdueActions(deps, new Date('2099-01-30T00:00:00Z'))).toBe(0);
    expect(await escalateOverdueActions(deps, new Date('2099-02-02T00:00:00Z'))).toBe(1);
    expect(await escalateOverdueActions(deps, new Date('2099-02-03T00:00:00Z'))).toBe(0);
    const row = await ctx.db.selectFrom('corrective_action').select(['status', 'owner_unit_id', 'escalated_at']).where('id', '=', action.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'overdue_escalated', owner_unit_id: units.east.id });
    const audit = await ctx.db.selectFrom('audit_event').select('data').where('action', '=', 'corrective_action.changed').where('entity_id', '=', action.id).orderBy('seq').execute();
    expect(audit.map((a) => (a.data as { change: string }).change)).toEqual(['created', 'escalated']);
  });
});
