import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TAuditPage, TAuditVerification, TCreatedApiKey, TCreatedStaff, TOrgUnit } from '@anxin/contracts';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type Executor } from '../../platform/db/database.ts';
import { createTestContext } from '../../test/context.ts';
import { TEST_PASSWORD, loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { chainHash } from './audit-chain.ts';
import { appendAuditEventsAfter } from './audit.repository.ts';
import { recordAuditEvent, recordStandaloneAuditEvent, verifyAuditChain } from './audit.service.ts';

const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
const { units } = org;
const people = {
  hqAdmin: await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']),
  hqAuditor: await seedStaff(ctx.db, org, units.hq.id, 'hq.auditor', ['compliance_auditor']),
  eastAdmin: await seedStaff(ctx.db, org, units.east.id, 'east.admin', ['admin']),
  eastAuditor: await seedStaff(ctx.db, org, units.east.id, 'east.auditor', ['compliance_auditor']),
  eastManager: await seedStaff(ctx.db, org, units.east.id, 'east.manager', ['branch_manager']),
  westAdmin: await seedStaff(ctx.db, org, units.west.id, 'west.admin', ['admin']),
  clerk: await seedStaff(ctx.db, org, units.eastA.id, 'east.clerk', ['csr'], { mobile: '13812345678' }),
};
const token = {
  hqAdmin: await loginAs(ctx.app, 'hq.admin'),
  hqAuditor: await loginAs(ctx.app, 'hq.auditor'),
  eastAdmin: await loginAs(ctx.app, 'east.admin'),
  eastAuditor: await loginAs(ctx.app, 'east.auditor'),
  eastManager: await loginAs(ctx.app, 'east.manager'),
  westAdmin: await loginAs(ctx.app, 'west.admin'),
};

type AuditRow = Awaited<ReturnType<typeof eventsOfRequest>>[number];
const eventsOfRequest = (db: Executor, requestId: string) => db.selectFrom('audit_event').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
const countEvents = async (db: Executor) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_event`.execute(db)).rows[0]!.n);
const rowAt = (db: Executor, seq: number) => db.selectFrom('audit_event').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

/**
 * Works on audit_event the way a DBA with table-owner rights could: with the append-only triggers
 * switched off for the duration of one transaction.
 */
async function asDba(db: Db, work: (tx: Executor) => Promise<unknown>) {
  await db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(tx);
    await work(tx);
    await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(tx);
  });
}

/** Puts a saved row back exactly as it was (the triggers allow INSERT, not UPDATE). */
async function restore(db: Db, row: AuditRow) {
  await asDba(db, async (tx) => {
    await sql`DELETE FROM audit_event WHERE seq = ${row.seq}`.execute(tx);
    await sql`INSERT INTO audit_event (seq, id, at, actor_id, actor_name, actor_org_unit_id, action, entity_type, entity_id, customer_id, purpose, request_id, data, prev_hash, hash)
      VALUES (${row.seq}, ${row.id}, ${row.at}, ${row.actor_id}, ${row.actor_name}, ${row.actor_org_unit_id}, ${row.action}, ${row.entity_type}, ${row.entity_id},
              ${row.customer_id}, ${row.purpose}, ${row.request_id}, ${JSON.stringify(row.data)}::jsonb, ${row.prev_hash}, ${row.hash})`.execute(tx);
  });
}

describe('every write leaves an audit event (actor, org unit, action, entity, request id)', () => {
  const send = (t: string | undefined, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, requestId: string, payload?: object) =>
    ctx.request({ method, url, token: t, headers: { 'x-request-id': requestId }, ...(payload ? { payload } : {}) });
  let createdStaffId = '';
  let createdUnitId = '';
  let apiKeyId = '';

  interface Write {
    action: string;
    actor: keyof typeof people;
    entityType: string;
    perform: (requestId: string) => Promise<{ entityId: string | null; purpose?: string; data?: Record<string, unknown> }>;
  }
  const writes: Write[] = [
    {
      action: 'auth.login',
      actor: 'eastManager',
      entityType: 'staff',
      perform: async (rid) => {
        const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-request-id': rid }, payload: { username: 'east.manager', password: TEST_PASSWORD } });
        expect(res.statusCode, res.body).toBe(200);
        return { entityId: people.eastManager.staff.id };
      },
    },
    {
      action: 'org_unit.created',
      actor: 'eastAdmin',
      entityType: 'org_unit',
      perform: async (rid) => {
        const res = await send(token.eastAdmin, 'POST', '/api/v1/org-units', rid, { parentId: units.eastA.id, level: 'outlet', code: 'EAST-A-07', name: 'Outlet 7' });
        expect(res.statusCode, res.body).toBe(201);
        createdUnitId = (res.json() as TOrgUnit).id;
        return { entityId: createdUnitId, data: { code: 'EAST-A-07', level: 'outlet', parentId: units.eastA.id } };
      },
    },
    {
      action: 'org_unit.updated',
      actor: 'eastAdmin',
      entityType: 'org_unit',
      perform: async (rid) => {
        const res = await send(token.eastAdmin, 'PATCH', `/api/v1/org-units/${createdUnitId}`, rid, { name: 'Outlet seven', version: 1 });
        expect(res.statusCode, res.body).toBe(200);
        return { entityId: createdUnitId, data: { changed: ['name'], status: 'active' } };
      },
    },
    {
      action: 'staff.created',
      actor: 'eastAdmin',
      entityType: 'staff',
      perform: async (rid) => {
        const res = await send(token.eastAdmin, 'POST', '/api/v1/staff', rid, { username: 'new.hire', displayName: 'New hire', orgUnitId: units.eastB.id, roles: ['csr'], mobile: '13911112222' });
        expect(res.statusCode, res.body).toBe(201);
        createdStaffId = (res.json() as TCreatedStaff).staff.id;
        return { entityId: createdStaffId, data: { username: 'new.hire', roles: ['csr'], orgUnitId: units.eastB.id } };
      },
    },
    {
      action: 'staff.updated',
      actor: 'eastAdmin',
      entityType: 'staff',
      perform: async (rid) => {
        const res = await send(token.eastAdmin, 'PATCH', `/api/v1/staff/${createdStaffId}`, rid, { roles: ['csr', 'underwriter'], version: 1 });
        expect(res.statusCode, res.body).toBe(200);
        return { entityId: createdStaffId, data: { changed: ['roles'], roles: ['csr', 'underwriter'] } };
      },
    },
    {
      action: 'staff.password_reset',
      actor: 'eastAdmin',
      entityType: 'staff',
      perform: async (rid) => {
        const res = await send(token.eastAdmin, 'POST', `/api/v1/staff/${createdStaffId}/reset-password`, rid);
        expect(res.statusCode, res.body).toBe(200);
        return { entityId: createdStaffId };
      },
    },
    {
      action: 'staff.viewed',
      actor: 'eastManager',
      entityType: 'staff',
      perform: async (rid) => {
        const res = await send(token.eastManager, 'GET', `/api/v1/staff/${people.clerk.staff.id}?purpose=${encodeURIComponent('return a customer call')}`, rid);
        expect(res.statusCode, res.body).toBe(200);
        return { entityId: people.clerk.staff.id, purpose: 'return a customer call', data: { fields: ['email', 'mobile'] } };
      },
    },
    {
      action: 'api_key.created',
      actor: 'hqAdmin',
      entityType: 'api_key',
      perform: async (rid) => {
        const res = await send(token.hqAdmin, 'POST', '/api/v1/api-keys', rid, { name: 'Audit test key', scopes: ['audit:read'], orgUnitId: units.east.id });
        expect(res.statusCode, res.body).toBe(201);
        const created = res.json() as TCreatedApiKey;
        apiKeyId = created.apiKey.id;
        return { entityId: apiKeyId, data: { name: 'Audit test key', scopes: ['audit:read'], prefix: created.apiKey.prefix } };
      },
    },
    {
      action: 'api_key.revoked',
      actor: 'hqAdmin',
      entityType: 'api_key',
      perform: async (rid) => {
        const res = await send(token.hqAdmin, 'DELETE', `/api/v1/api-keys/${apiKeyId}`, rid);
        expect(res.statusCode, res.body).toBe(204);
        return { entityId: apiKeyId };
      },
    },
    {
      action: 'audit.searched',
      actor: 'eastAuditor',
      entityType: 'audit_event',
      perform: async (rid) => {
        const res = await send(token.eastAuditor, 'GET', '/api/v1/audit-events?action=staff.created&entityType=staff', rid);
        expect(res.statusCode, res.body).toBe(200);
        return { entityId: null, data: { filters: { action: 'staff.created', entityType: 'staff' } } };
      },
    },
    {
      action: 'auth.password_changed',
      actor: 'westAdmin',
      entityType: 'staff',
      perform: async (rid) => {
        const res = await send(token.westAdmin, 'POST', '/api/v1/auth/password', rid, { currentPassword: TEST_PASSWORD, newPassword: 'west-admin-new-42' });
        expect(res.statusCode, res.body).toBe(204);
        return { entityId: people.westAdmin.staff.id };
      },
    },
    {
      action: 'auth.logout',
      actor: 'westAdmin',
      entityType: 'staff',
      perform: async (rid) => {
        const res = await send(token.westAdmin, 'POST', '/api/v1/auth/logout', rid);
        expect(res.statusCode, res.body).toBe(204);
        return { entityId: people.westAdmin.staff.id };
      },
    },
  ];

  it.each(writes)('$action', async ({ action, actor, entityType, perform }) => {
    const requestId = `audit-${action.replace('.', '-')}`;
    const { entityId, purpose, data } = await perform(requestId);
    const events = await eventsOfRequest(ctx.db, requestId);
    expect(events).toHaveLength(1);
    const { staff } = people[actor];
    expect(events[0]).toMatchObject({
      action,
      actor_id: staff.id,
      actor_name: staff.username,
      actor_org_unit_id: staff.org_unit_id,
      entity_type: entityType,
      entity_id: entityId,
      purpose: purpose ?? null,
      request_id: requestId,
    });
    if (data) expect(events[0]!.data).toEqual(data);
    expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a failed login is recorded without an actor, naming the account, the reason and the request', async () => {
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-request-id': 'audit-login-failed' }, payload: { username: 'east.clerk', password: 'not-the-password-1' } });
    expect(res.statusCode).toBe(401);
    const [event] = await ctx.db.selectFrom('audit_event').selectAll().where('action', '=', 'auth.login_failed').orderBy('seq', 'desc').limit(1).execute();
    expect(event).toMatchObject({ actor_id: null, actor_org_unit_id: null, entity_type: 'staff', entity_id: people.clerk.staff.id, request_id: 'audit-login-failed' });
    expect(event!.data).toEqual({ username: 'east.clerk', reason: 'wrong_password', ip: '127.0.0.1' });
  });

  it('an API key’s search is recorded with the key as actor and its unit as org unit', async () => {
    const created = (await ctx.request({ method: 'POST', url: '/api/v1/api-keys', token: token.hqAdmin, payload: { name: 'SIEM export', scopes: ['audit:read'], orgUnitId: units.west.id } })).json() as TCreatedApiKey;
    const res = await ctx.request({ method: 'GET', url: '/api/v1/audit-events', headers: { 'x-api-key': created.secret, 'x-request-id': 'audit-by-key' } });
    expect(res.statusCode, res.body).toBe(200);
    const events = await eventsOfRequest(ctx.db, 'audit-by-key');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'audit.searched', actor_id: created.apiKey.id, actor_name: 'SIEM export', actor_org_unit_id: units.west.id });
  });

  it('a refused or failed write leaves no event', async () => {
    const duplicate = await send(token.eastAdmin, 'POST', '/api/v1/staff', 'audit-dup', { username: 'new.hire', displayName: 'Again', orgUnitId: units.eastB.id, roles: ['csr'] });
    expectProblem(duplicate, 409, 'DUPLICATE');
    const forbidden = await send(token.eastManager, 'POST', '/api/v1/staff', 'audit-forbidden', { username: 'not.hired', displayName: 'No', orgUnitId: units.eastB.id, roles: ['csr'] });
    expectProblem(forbidden, 403, 'FORBIDDEN');
    expect(await eventsOfRequest(ctx.db, 'audit-dup')).toEqual([]);
    expect(await eventsOfRequest(ctx.db, 'audit-forbidden')).toEqual([]);
  });

  it('an event is written in the caller’s transaction: a rollback leaves neither the event nor a gap in the chain', async () => {
    const before = await countEvents(ctx.db);
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await recordAuditEvent(tx, people.hqAdmin.actor, { action: 'staff.updated', entityType: 'staff', entityId: people.clerk.staff.id, data: { changed: ['displayName'] } });
        throw new Error('the change failed after the event was recorded');
      }),
    ).rejects.toThrow('the change failed');
    expect(await countEvents(ctx.db)).toBe(before);
    await ctx.db.transaction().execute((tx) => recordAuditEvent(tx, people.hqAdmin.actor, { action: 'staff.updated', entityType: 'staff', entityId: people.clerk.staff.id }));
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, checked: before + 1, brokenAt: null, reason: null });
  });

  it('concurrent appends each link to exactly one predecessor', async () => {
    const before = await countEvents(ctx.db);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ctx.db.transaction().execute((tx) => recordAuditEvent(tx, people.hqAdmin.actor, { action: 'staff.viewed', entityType: 'staff', entityId: people.clerk.staff.id, purpose: `parallel read ${i}` })),
      ),
    );
    const seqs = (await ctx.db.selectFrom('audit_event').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: before + 12 }, (_, i) => i + 1));
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: before + 12 });
  });
});

  it('standalone events from concurrent requests share transactions (group commit), and each call resolves only once its event is stored', async () => {
    const before = await countEvents(ctx.db);
    const stored: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await recordStandaloneAuditEvent(ctx.db, people.hqAdmin.actor, { action: 'staff.viewed', entityType: 'staff', entityId: people.clerk.staff.id, purpose: `grouped read ${i}` });
        // Resolved: the event is committed and visible to any other connection.
        stored.push(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_event WHERE purpose = ${`grouped read ${i}`}`.execute(ctx.db)).rows[0]!.n));
      }),
    );
    expect(stored).toEqual(Array.from({ length: 40 }, () => 1));
    const rows = await ctx.db.selectFrom('audit_event').select(['seq', 'at']).where('seq', '>', before).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => before + i + 1));
    // Fewer transactions than events: events of one batch carry the xmin of one transaction.
    const transactions = Number((await sql<{ n: number }>`SELECT count(DISTINCT xmin::text) AS n FROM audit_event WHERE seq > ${before}`.execute(ctx.db)).rows[0]!.n);
    expect(transactions).toBeLessThan(40);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: before + 40 });
    // Inside a transaction it joins it: rolled back with it.
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await recordStandaloneAuditEvent(tx, people.hqAdmin.actor, { action: 'staff.viewed', entityType: 'staff', entityId: people.clerk.staff.id });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await countEvents(ctx.db)).toBe(before + 40);
  });

  it('a batch appended after a known last link is refused whole when anyone appended after it, and writes nothing', async () => {
    const head = await ctx.db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const fields = (purpose: string) => ({ id: randomUUID(), at: new Date(), actorId: null, actorName: null, actorOrgUnitId: null, action: 'staff.viewed', entityType: 'staff', entityId: null, customerId: null, purpose, requestId: null, data: {} });
    // Someone else appends first: the head we know is stale.
    await ctx.db.transaction().execute((tx) => recordAuditEvent(tx, people.hqAdmin.actor, { action: 'staff.updated', entityType: 'staff', entityId: people.clerk.staff.id }));
    expect(await appendAuditEventsAfter(ctx.db, head, [fields('stale 1'), fields('stale 2')])).toBeNull();
    expect(await countEvents(ctx.db)).toBe(head.seq + 1);
    // After the true last link, the same batch is written and linked.
    const last = await rowAt(ctx.db, head.seq + 1);
    const links = await appendAuditEventsAfter(ctx.db, { seq: last.seq, hash: last.hash }, [fields('fresh 1'), fields('fresh 2')]);
    expect(links?.map((l) => l.seq)).toEqual([head.seq + 2, head.seq + 3]);
    expect((await rowAt(ctx.db, head.seq + 3)).purpose).toBe('fresh 2');
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: head.seq + 3 });
  });

  it('standalone batches and business transactions interleaving keep one unbroken chain', async () => {
    const before = await countEvents(ctx.db);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? ctx.db.transaction().execute((tx) => recordAuditEvent(tx, people.hqAdmin.actor, { action: 'staff.updated', entityType: 'staff', entityId: people.clerk.staff.id, purpose: `write ${i}` }))
          : recordStandaloneAuditEvent(ctx.db, people.hqAdmin.actor, { action: 'staff.viewed', entityType: 'staff', entityId: people.clerk.staff.id, purpose: `read ${i}` }),
      ),
    );
    // A write that committed after the last standalone batch leaves this process's known head stale.
    await ctx.db.transaction().execute((tx) => recordAuditEvent(tx, people.hqAdmin.actor, { action: 'staff.updated', entityType: 'staff', entityId: people.clerk.staff.id, purpose: 'write last' }));
    await recordStandaloneAuditEvent(ctx.db, people.hqAdmin.actor, { action: 'staff.viewed', entityType: 'staff', entityId: people.clerk.staff.id, purpose: 'read after the write' });
    await recordStandaloneAuditEvent(ctx.db, people.hqAdmin.actor, { action: 'staff.viewed', entityType: 'staff', entityId: people.clerk.staff.id, purpose: 'read after that' });
    const seqs = (await ctx.db.selectFrom('audit_event').select('seq').where('seq', '>', before).orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 33 }, (_, i) => before + i + 1));
    expect((await rowAt(ctx.db, before + 33)).purpose).toBe('read after that');
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: before + 33 });
  });

describe('verifyAuditChain and tampering', () => {
  it('is ok on an untouched chain, whatever the batch size', async () => {
    const n = await countEvents(ctx.db);
    expect(n).toBeGreaterThan(20);
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, checked: n, brokenAt: null, reason: null });
    expect(await verifyAuditChain(ctx.db, 3)).toEqual({ ok: true, checked: n, brokenAt: null, reason: null });
  });

  it('the table refuses plain UPDATE, DELETE and TRUNCATE', async () => {
    const before = await rowAt(ctx.db, 5);
    await expect(sql`UPDATE audit_event SET action = 'auth.logout' WHERE seq = 5`.execute(ctx.db)).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(sql`DELETE FROM audit_event WHERE seq = 5`.execute(ctx.db)).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(sql`TRUNCATE audit_event`.execute(ctx.db)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect(await rowAt(ctx.db, 5)).toEqual(before);
  });

  it.each([
    ['its data', sql`data = jsonb_set(data, '{tampered}', 'true'::jsonb)`],
    ['its action', sql`action = 'auth.logout'`],
    ['its actor', sql`actor_name = 'someone.else'`],
    ['its time', sql`at = at - interval '1 day'`],
    ['its purpose', sql`purpose = 'a better-sounding reason'`],
  ])('an edit of %s in a middle row is reported at that row', async (_what, assignment) => {
    const n = await countEvents(ctx.db);
    const middle = Math.floor(n / 2);
    const original = await rowAt(ctx.db, middle);
    await asDba(ctx.db, (tx) => sql`UPDATE audit_event SET ${assignment} WHERE seq = ${middle}`.execute(tx));
    expect(await rowAt(ctx.db, middle)).not.toEqual(original);

    const result = await verifyAuditChain(ctx.db);
    expect(result).toMatchObject({ ok: false, brokenAt: middle, checked: middle - 1 });
    expect(result.reason).toMatch(/does not match its hash/);

    await restore(ctx.db, original);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: n });
  });

  it('a deleted middle row is reported as a gap', async () => {
    const n = await countEvents(ctx.db);
    const middle = Math.floor(n / 3);
    const original = await rowAt(ctx.db, middle);
    await asDba(ctx.db, (tx) => sql`DELETE FROM audit_event WHERE seq = ${middle}`.execute(tx));
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: false, checked: middle - 1, brokenAt: middle, reason: `event ${middle} is missing (next present is ${middle + 1})` });
    await restore(ctx.db, original);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: n });
  });

  it('a deleted row renumbered away (seq shifted down) is caught at the first re-linked row', async () => {
    const n = await countEvents(ctx.db);
    const middle = Math.floor(n / 2);
    const removed = await rowAt(ctx.db, middle);
    const next = await rowAt(ctx.db, middle + 1);
    // Remove `middle` and move `middle + 1` into its place: no gap, but the link no longer fits.
    await asDba(ctx.db, async (tx) => {
      await sql`DELETE FROM audit_event WHERE seq = ${middle}`.execute(tx);
      await sql`UPDATE audit_event SET seq = ${middle} WHERE seq = ${middle + 1}`.execute(tx);
    });
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: false, brokenAt: middle });
    await asDba(ctx.db, (tx) => sql`DELETE FROM audit_event WHERE seq = ${middle}`.execute(tx));
    await restore(ctx.db, removed);
    await restore(ctx.db, next);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: n });
  });

  it('a row edited and re-hashed to match is caught at the next link', async () => {
    const n = await countEvents(ctx.db);
    const middle = Math.floor(n / 2);
    const original = await rowAt(ctx.db, middle);
    const forgedData = { ...original.data, forged: true };
    const forgedHash = chainHash(original.prev_hash, {
      seq: original.seq,
      id: original.id,
      at: original.at,
      actorId: original.actor_id,
      actorName: original.actor_name,
      actorOrgUnitId: original.actor_org_unit_id,
      action: original.action,
      entityType: original.entity_type,
      entityId: original.entity_id,
      customerId: original.customer_id,
      purpose: original.purpose,
      requestId: original.request_id,
      data: forgedData,
    });
    await asDba(ctx.db, (tx) => sql`UPDATE audit_event SET data = ${JSON.stringify(forgedData)}::jsonb, hash = ${forgedHash} WHERE seq = ${middle}`.execute(tx));

    const result = await verifyAuditChain(ctx.db);
    expect(result).toMatchObject({ ok: false, brokenAt: middle + 1, checked: middle });
    expect(result.reason).toMatch(/prev_hash does not match/);

    await restore(ctx.db, original);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: n });
  });

  it('GET /audit-events/verify reports the same to a head-office auditor', async () => {
    const n = await countEvents(ctx.db);
    const original = await rowAt(ctx.db, 7);
    await asDba(ctx.db, (tx) => sql`UPDATE audit_event SET entity_id = 'someone-else' WHERE seq = 7`.execute(tx));
    const broken = await ctx.request({ method: 'GET', url: '/api/v1/audit-events/verify', token: token.hqAuditor });
    expect(broken.statusCode, broken.body).toBe(200);
    expect(broken.json()).toMatchObject({ ok: false, brokenAt: 7, checked: 6 });
    await restore(ctx.db, original);
    const fixed = await ctx.request({ method: 'GET', url: '/api/v1/audit-events/verify', token: token.hqAuditor });
    expect(fixed.json()).toEqual({ ok: true, checked: n, brokenAt: null, reason: null });
  });

  it('POST /audit-events/verifications walks the chain as a job: 202 at once, polled to its result; head office only', async () => {
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/audit-events/verifications', token: token.eastAuditor }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/audit-events/verifications', token: token.eastManager }), 403, 'FORBIDDEN');
    const original = await rowAt(ctx.db, 5);
    await asDba(ctx.db, (tx) => sql`UPDATE audit_event SET actor_name = 'someone-else' WHERE seq = 5`.execute(tx));
    const started = await ctx.request({ method: 'POST', url: '/api/v1/audit-events/verifications', token: token.hqAuditor });
    expect(started.statusCode, started.body).toBe(202);
    const run = started.json() as TAuditVerification;
    expect(run).toMatchObject({ status: 'running', requestedBy: 'hq.auditor', result: null });
    let polled = run;
    for (let i = 0; i < 200 && (polled.status === 'running' || polled.status === 'queued'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      polled = (await ctx.request({ method: 'GET', url: `/api/v1/audit-events/verifications/${run.id}`, token: token.hqAdmin })).json() as TAuditVerification;
    }
    expect(polled).toMatchObject({ id: run.id, status: 'done', result: { ok: false, brokenAt: 5, checked: 4 } });
    const listed = (await ctx.request({ method: 'GET', url: '/api/v1/audit-events/verifications?limit=1', token: token.hqAuditor })).json() as { items: TAuditVerification[] };
    expect(listed.items).toEqual([polled]);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/audit-events/verifications/abc', token: token.hqAuditor }), 404, 'NOT_FOUND');
    await restore(ctx.db, original);
    // The request itself is an event of the chain, which still verifies once the edit is undone.
    const requested = await ctx.db.selectFrom('audit_event').select(['actor_name', 'entity_id']).where('action', '=', 'audit.verify_requested').executeTakeFirstOrThrow();
    expect(requested).toEqual({ actor_name: 'hq.auditor', entity_id: run.id });
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});

describe('GET /api/v1/audit-events', () => {
  const search = (t: string, query: string) => ctx.request({ method: 'GET', url: `/api/v1/audit-events?${query}`, token: t });
  const page = async (t: string, query: string) => {
    const res = await search(t, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TAuditPage;
  };

  it('401 without credentials, 400 for invalid filters, 403 without audit:read', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/audit-events' }), 401, 'UNAUTHENTICATED');
    expectProblem(await search(token.hqAdmin, 'action=staff.deleted&from=yesterday&pageSize=0'), 400, 'VALIDATION_FAILED', ['querystring.action', 'querystring.from', 'querystring.pageSize']);
    expectProblem(await search(token.eastManager, ''), 403, 'FORBIDDEN');
  });

  it('filters by action, entity and actor', async () => {
    const created = await page(token.hqAdmin, 'action=staff.created&pageSize=200');
    const inDb = await ctx.db.selectFrom('audit_event').select('seq').where('action', '=', 'staff.created').execute();
    expect(created.total).toBe(inDb.length);
    expect(created.items.every((e) => e.action === 'staff.created')).toBe(true);

    const aboutClerk = await page(token.hqAdmin, `entityType=staff&entityId=${people.clerk.staff.id}&pageSize=200`);
    expect(aboutClerk.total).toBeGreaterThan(0);
    expect(aboutClerk.items.every((e) => e.entityType === 'staff' && e.entityId === people.clerk.staff.id)).toBe(true);

    const byManager = await page(token.hqAdmin, `actorId=${people.eastManager.staff.id}&pageSize=200`);
    expect(byManager.items.map((e) => e.action).sort()).toEqual(['auth.login', 'auth.login', 'staff.viewed']);
  });

  it('filters by time: from is inclusive, to exclusive, and together they split the events exactly', async () => {
    const all = await page(token.hqAdmin, 'action=auth.login&pageSize=200');
    expect(all.total).toBeGreaterThan(3);
    const pivot = all.items[Math.floor(all.items.length / 2)]!.at;
    const from = await page(token.hqAdmin, `action=auth.login&pageSize=200&from=${encodeURIComponent(pivot)}`);
    const to = await page(token.hqAdmin, `action=auth.login&pageSize=200&to=${encodeURIComponent(pivot)}`);
    expect(from.items.every((e) => e.at >= pivot)).toBe(true);
    expect(to.items.every((e) => e.at < pivot)).toBe(true);
    expect(from.items.some((e) => e.at === pivot)).toBe(true);
    expect(from.total + to.total).toBe(all.total);
    expect(new Set([...from.items, ...to.items].map((e) => e.seq)).size).toBe(all.total);
  });

  it('pages newest first without overlap', async () => {
    const all = await page(token.hqAdmin, 'action=staff.created&pageSize=200');
    expect(all.total).toBeGreaterThanOrEqual(8);
    const seqs = all.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const first = await page(token.hqAdmin, 'action=staff.created&pageSize=3&page=1');
    const second = await page(token.hqAdmin, 'action=staff.created&pageSize=3&page=2');
    expect(first).toMatchObject({ page: 1, pageSize: 3, total: all.total });
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: all.total });
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual(seqs.slice(0, 6));
  });

  it('a province compliance auditor sees only events by actors of its province, never another province’s or the system’s', async () => {
    const westWrite = await ctx.request({
      method: 'POST',
      url: '/api/v1/staff',
      token: (await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'west.admin', password: 'west-admin-new-42' } })).json().token as string,
      payload: { username: 'west.hire', displayName: 'West hire', orgUnitId: units.westA.id, roles: ['csr'] },
    });
    expect(westWrite.statusCode, westWrite.body).toBe(201);

    const eastSubtree = new Set([units.east.id, units.eastA.id, units.eastB.id]);
    const seen = await page(token.eastAuditor, 'pageSize=200');
    expect(seen.items.length).toBeGreaterThan(0);
    for (const e of seen.items) expect(eastSubtree.has(e.actorOrgUnitId!), `${e.action} by ${e.actorName}`).toBe(true);
    const eastCreated = await page(token.eastAuditor, 'action=staff.created');
    expect(eastCreated.items.map((e) => e.data.username)).toEqual(['new.hire']);
    expect((await page(token.eastAuditor, `actorId=${people.westAdmin.staff.id}`)).total).toBe(0);

    // Head office sees both provinces and the system's own events.
    const hqCreated = await page(token.hqAuditor, 'action=staff.created&pageSize=200');
    expect(hqCreated.items.map((e) => e.data.username)).toEqual(expect.arrayContaining(['new.hire', 'west.hire']));
    expect(hqCreated.items.some((e) => e.actorOrgUnitId === null)).toBe(true);
  });
});

describe('anxin audit verify (CLI, embedded database)', () => {
  const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/anxin.mjs');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anxin-audit-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // The CLI reads its configuration from the environment: an embedded database in `dataDir`,
  // with nothing inherited that would point it at a database server.
  // eslint-disable-next-line no-restricted-properties -- building a child process's environment, not reading configuration
  const { DATABASE_URL: _url, ANXIN_FIELD_KEYS: _keys, ANXIN_FIELD_KEY_ID: _keyId, ANXIN_BLIND_INDEX_KEY: _bidx, ANXIN_SESSION_SECRET: _secret, ...inherited } = process.env;
  const env = { ...inherited, ANXIN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, cwd: dataDir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  // PGlite data directories take one process at a time: open, work, close before the CLI runs.
  const withEmbedded = async <T>(work: (db: Db) => Promise<T>) => {
    const database = await openDatabase({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  };

  it('exits 0 on an intact chain and 1 with "BROKEN at event N" after a row is edited', { timeout: 120_000 }, async () => {
    const migrated = await run('migrate');
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('Database is up to date.');

    const n = await withEmbedded(async (db) => {
      const cliOrg = await seedOrg(db);
      await seedStaff(db, cliOrg, cliOrg.units.east.id, 'cli.admin', ['admin']);
      await seedStaff(db, cliOrg, cliOrg.units.westA.id, 'cli.clerk', ['csr']);
      return countEvents(db);
    });
    expect(n).toBeGreaterThanOrEqual(7);

    const intact = await run('audit', 'verify');
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toContain(`Audit chain intact: ${n} event(s) verified.`);

    const middle = Math.ceil(n / 2);
    await withEmbedded((db) => asDba(db, (tx) => sql`UPDATE audit_event SET data = jsonb_set(data, '{username}', '"intruder"') WHERE seq = ${middle}`.execute(tx)));

    const broken = await run('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`BROKEN at event ${middle}`);
    expect(broken.stderr).toContain(`(${middle - 1} event(s) before it verified)`);
  });
});
