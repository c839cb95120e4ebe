import type { TCreatedStaff } from '@anxin/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';

const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
await seedStaff(ctx.db, org, org.units.hq.id, 'first.admin', ['admin']);
await seedStaff(ctx.db, org, org.units.hq.id, 'second.admin', ['admin']);
await seedStaff(ctx.db, org, org.units.hq.id, 'plain.csr', ['csr']);
const resetTarget = await seedStaff(ctx.db, org, org.units.east.id, 'reset.target', ['csr']);
const firstAdmin = await loginAs(ctx.app, 'first.admin');
const secondAdmin = await loginAs(ctx.app, 'second.admin');
const csr = await loginAs(ctx.app, 'plain.csr');

const staffBody = (username: string, extra: object = {}) => ({ username, displayName: username, orgUnitId: org.units.east.id, roles: ['csr'], ...extra });
const postStaff = (token: string, key: string | undefined, payload: object) =>
  ctx.request({ method: 'POST', url: '/api/v1/staff', token, payload, headers: key === undefined ? {} : { 'idempotency-key': key } });
const staffCount = async (username: string) => (await ctx.db.selectFrom('staff').select('id').where('username', '=', username).execute()).length;
const replayed = (res: LightMyRequestResponse) => res.headers['idempotent-replayed'] === 'true';

describe('Idempotency-Key on POST', () => {
  it('a retry returns the first 201 body (same id, same one-time password) marked as replayed, and creates nothing twice', async () => {
    const first = await postStaff(firstAdmin, 'create-wang', staffBody('wang.wu'));
    expect(first.statusCode, first.body).toBe(201);
    expect(replayed(first)).toBe(false);
    const retry = await postStaff(firstAdmin, 'create-wang', staffBody('wang.wu'));
    expect(retry.statusCode, retry.body).toBe(201);
    expect(replayed(retry)).toBe(true);
    expect(retry.headers['content-type']).toContain('application/json');
    const a = first.json() as TCreatedStaff;
    const b = retry.json() as TCreatedStaff;
    expect(b.staff.id).toBe(a.staff.id);
    expect(b.initialPassword).toBe(a.initialPassword);
    expect(retry.body).toBe(first.body);
    expect(await staffCount('wang.wu')).toBe(1);
    // The stored response holds a one-time password: it is kept encrypted, never in clear.
    const stored = await ctx.db.selectFrom('idempotency_record').select('response_body').where('key', '=', 'create-wang').executeTakeFirstOrThrow();
    expect(stored.response_body).toMatch(/^k1:/);
    expect(stored.response_body).not.toContain(a.initialPassword);
    expect(stored.response_body).not.toContain('wang.wu');
    const events = await ctx.db.selectFrom('audit_event').select('seq').where('action', '=', 'staff.created').where('entity_id', '=', a.staff.id).execute();
    expect(events).toHaveLength(1);
  });

  it('422 IDEMPOTENCY_KEY_REUSED: the same key with a different body, or on a different route', async () => {
    expectProblem(await postStaff(firstAdmin, 'create-wang', staffBody('zhao.liu')), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await staffCount('zhao.liu')).toBe(0);
    const otherRoute = await ctx.request({
      method: 'POST',
      url: '/api/v1/org-units',
      token: firstAdmin,
      headers: { 'idempotency-key': 'create-wang' },
      payload: { parentId: org.units.east.id, level: 'city', code: 'EAST-Z', name: 'x' },
    });
    expectProblem(otherRoute, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await ctx.db.selectFrom('org_unit').select('id').where('code', '=', 'EAST-Z').executeTakeFirst()).toBeUndefined();
  });

  it('keys are per principal: another user’s same key neither replays the first response nor blocks its own request', async () => {
    // Same key and same body as the first admin's request: executed afresh for this caller (and the
    // username is taken), never answered with the first admin's stored response and password.
    const sameBody = await postStaff(secondAdmin, 'create-wang', staffBody('wang.wu'));
    expectProblem(sameBody, 409, 'DUPLICATE');
    expect(replayed(sameBody)).toBe(false);
    const ownBody = await postStaff(secondAdmin, 'create-wang', staffBody('sun.qi'));
    expect(ownBody.statusCode, ownBody.body).toBe(201);
    expect(replayed(ownBody)).toBe(false);
    expect(await staffCount('sun.qi')).toBe(1);
    const again = await postStaff(secondAdmin, 'create-wang', staffBody('sun.qi'));
    expect(replayed(again)).toBe(true);
    expect((again.json() as TCreatedStaff).staff.id).toBe((ownBody.json() as TCreatedStaff).staff.id);
  });

  it('a request refused by the service (4xx) is stored and its error replayed', async () => {
    const noLicence = staffBody('agent.zhou', { roles: ['agent'] });
    const first = await postStaff(firstAdmin, 'agent-without-licence', noLicence);
    const problem = expectProblem(first, 400, 'STAFF_LICENCE_REQUIRED', ['body.licence']);
    const retry = await postStaff(firstAdmin, 'agent-without-licence', noLicence);
    expectProblem(retry, 400, 'STAFF_LICENCE_REQUIRED', ['body.licence']);
    expect(replayed(retry)).toBe(true);
    expect(retry.json()).toEqual(problem); // the very first answer, request id included

    const denied = await postStaff(csr, 'csr-try', staffBody('csr.made'));
    expectProblem(denied, 403, 'FORBIDDEN');
    const deniedAgain = await postStaff(csr, 'csr-try', staffBody('csr.made'));
    expectProblem(deniedAgain, 403, 'FORBIDDEN');
    expect(replayed(deniedAgain)).toBe(true);
  });

  it('a body that fails schema validation never reaches the key store: the retry is validated again, and the key stays free for the corrected body', async () => {
    const invalid = staffBody('x'); // username too short
    expectProblem(await postStaff(firstAdmin, 'fix-and-retry', invalid), 400, 'VALIDATION_FAILED', ['body.username']);
    const again = await postStaff(firstAdmin, 'fix-and-retry', invalid);
    expectProblem(again, 400, 'VALIDATION_FAILED', ['body.username']);
    expect(replayed(again)).toBe(false);
    const corrected = await postStaff(firstAdmin, 'fix-and-retry', staffBody('fixed.name'));
    expect(corrected.statusCode, corrected.body).toBe(201);
  });

  it('conflicts (409) are not stored, so the same key can be retried once the conflict is gone', async () => {
    const conflict = await postStaff(firstAdmin, 'conflict-key', staffBody('wang.wu'));
    expectProblem(conflict, 409, 'DUPLICATE');
    const record = await ctx.db.selectFrom('idempotency_record').select('key').where('key', '=', 'conflict-key').executeTakeFirst();
    expect(record).toBeUndefined();
    const again = await postStaff(firstAdmin, 'conflict-key', staffBody('wang.wu'));
    expectProblem(again, 409, 'DUPLICATE');
    expect(replayed(again)).toBe(false);
  });

  it('concurrent identical requests create exactly one record', async () => {
    const responses = await Promise.all(Array.from({ length: 4 }, () => postStaff(firstAdmin, 'double-click', staffBody('chen.ba'))));
    expect(await staffCount('chen.ba')).toBe(1);
    const originals = responses.filter((r) => r.statusCode === 201 && !replayed(r));
    expect(originals).toHaveLength(1);
    const id = (originals[0]!.json() as TCreatedStaff).staff.id;
    for (const res of responses.filter((r) => r !== originals[0])) {
      if (res.statusCode === 201) {
        expect(replayed(res)).toBe(true);
        expect((res.json() as TCreatedStaff).staff.id).toBe(id);
      } else {
        expectProblem(res, 409, 'IDEMPOTENCY_IN_PROGRESS');
      }
    }
    const later = await postStaff(firstAdmin, 'double-click', staffBody('chen.ba'));
    expect(replayed(later)).toBe(true);
    expect((later.json() as TCreatedStaff).staff.id).toBe(id);
  });

  it('a stored result is replayed for 24 hours; after that the key starts afresh', async () => {
    const reset = () => ctx.request({ method: 'POST', url: `/api/v1/staff/${resetTarget.staff.id}/reset-password`, token: firstAdmin, headers: { 'idempotency-key': 'reset-once' } });
    const first = await reset();
    expect(first.statusCode, first.body).toBe(200);
    const retry = await reset();
    expect(replayed(retry)).toBe(true);
    expect(retry.json()).toEqual(first.json());

    await ctx.db.updateTable('idempotency_record').set({ created_at: new Date(Date.now() - 25 * 60 * 60_000) }).where('key', '=', 'reset-once').execute();
    const later = await reset();
    expect(later.statusCode, later.body).toBe(200);
    expect(replayed(later)).toBe(false);
    expect(later.json()).not.toEqual(first.json());
  });

  it('a reservation abandoned by a crashed request answers 409 IDEMPOTENCY_IN_PROGRESS for a while, then is taken over', async () => {
    // Simulate a crash: the request reserved the key, its transaction never committed, no response was stored.
    const first = await postStaff(firstAdmin, 'crashed', staffBody('crash.one'));
    expect(first.statusCode, first.body).toBe(201);
    await ctx.db.deleteFrom('staff').where('username', '=', 'crash.one').execute();
    const abandon = (minutesAgo: number) =>
      ctx.db
        .updateTable('idempotency_record')
        .set({ status_code: null, response_body: null, completed_at: null, created_at: new Date(Date.now() - minutesAgo * 60_000) })
        .where('key', '=', 'crashed')
        .execute();

    await abandon(1);
    expectProblem(await postStaff(firstAdmin, 'crashed', staffBody('crash.one')), 409, 'IDEMPOTENCY_IN_PROGRESS');
    expect(await staffCount('crash.one')).toBe(0);

    await abandon(10);
    const res = await postStaff(firstAdmin, 'crashed', staffBody('crash.one'));
    expect(res.statusCode, res.body).toBe(201);
    expect(replayed(res)).toBe(false);
    expect(await staffCount('crash.one')).toBe(1);
    const retry = await postStaff(firstAdmin, 'crashed', staffBody('crash.one'));
    expect(replayed(retry)).toBe(true);
    expect(retry.body).toBe(res.body);
  });

  it('400: a key longer than 200 characters', async () => {
    expectProblem(await postStaff(firstAdmin, 'k'.repeat(201), staffBody('long.key')), 400, 'VALIDATION_FAILED', ['header.idempotency-key']);
    expect(await staffCount('long.key')).toBe(0);
  });

  it('requests without a caller are not keyed (the login route ignores the header)', async () => {
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'idempotency-key': 'anonymous-key' }, payload: { username: 'first.admin', password: 'wrong-password-1' } });
    expectProblem(res, 401, 'AUTH_INVALID_CREDENTIALS');
    expect(await ctx.db.selectFrom('idempotency_record').select('key').where('key', '=', 'anonymous-key').execute()).toEqual([]);
  });
});
