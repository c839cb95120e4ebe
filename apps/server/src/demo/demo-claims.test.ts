import { CLAIM_STATUSES, COMPLAINT_STATUSES, type TComplaintAnalysis, type TLoginResponse, type TPortalCodeSent } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../app.ts';
import { createTestContext } from '../test/context.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { loadDemo } from './index.ts';

// The demo claims are made through the real claims services: every workflow state is present with
// its history, and the start-up banner's portal customer can really identify in the portal.
const ctx = await createTestContext();
const result = await loadDemo(ctx.db, cipherFor(ctx.config), ctx.config.uploadDir);

describe('demo claims', () => {
  it('has a claim in every workflow state, each with its reported event and an audit entry', async () => {
    const claims = await ctx.db.selectFrom('claim').select(['id', 'status', 'green_channel', 'fast_track', 'amount_paid_fen']).execute();
    expect(new Set(claims.map((c) => c.status))).toEqual(new Set(CLAIM_STATUSES));
    for (const c of claims) {
      const events = await ctx.db.selectFrom('claim_event').select('type').where('claim_id', '=', c.id).orderBy('at').execute();
      expect(events[0]?.type).toBe('reported');
    }
    const audited = await ctx.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'claim.reported').execute();
    expect(audited.map((a) => a.entity_id).sort()).toEqual(claims.map((c) => c.id).sort());
    expect(claims.some((c) => c.green_channel)).toBe(true);
    expect(claims.some((c) => c.fast_track && c.status === 'paying')).toBe(true);
    // The fast track pays the small-amount medical cover's 90 %, not the amount claimed.
    const fast = await ctx.db.selectFrom('claim').select(['amount_claimed_fen', 'amount_approved_fen']).where('fast_track', '=', true).execute();
    expect(fast.map((c) => c.amount_approved_fen)).toEqual(fast.map((c) => Math.floor(c.amount_claimed_fen * 0.9)));
    expect(claims.some((c) => c.status === 'closed' && Number(c.amount_paid_fen) > 0)).toBe(true);
  });

  it('records the documents on disk, the missing-documents notice with the paused clock, and breached clocks for the overdue board', async () => {
    const pending = await ctx.db.selectFrom('claim').select('id').where('status', '=', 'documents_pending').executeTakeFirstOrThrow();
    const notices = await ctx.db.selectFrom('claim_document_notice').select('codes').where('claim_id', '=', pending.id).execute();
    expect(notices).toHaveLength(1);
    const clock = await ctx.db.selectFrom('claim_clock').select(['kind', 'paused_at']).where('claim_id', '=', pending.id).where('kind', '=', 'determination').executeTakeFirstOrThrow();
    expect(clock.paused_at).not.toBeNull();
    const documents = await ctx.db.selectFrom('claim_document').select('id').execute();
    expect(documents.length).toBeGreaterThan(10);
    const breached = await ctx.db.selectFrom('claim_clock').select('claim_id').where('breached_at', 'is not', null).execute();
    expect(breached.length).toBeGreaterThan(0);
  });

  it('names a portal customer who can ask for a one-time code', async () => {
    expect(result.status).toBe('loaded');
    const portal = result.status === 'loaded' ? result.portal : null;
    expect(portal?.policyNo).toMatch(/^P\d+$/);
    const res = await ctx.request({ method: 'POST', url: '/api/v1/portal/login/code', payload: portal! });
    expect(res.statusCode, res.body).toBe(202);
    expect((res.json() as TPortalCodeSent).sentTo).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });
});

describe('demo complaints', () => {
  it('hold a few hundred complaints over six months across the six cities, at every step of the procedure, each with its records', async () => {
    const rows = await ctx.db.selectFrom('complaint').select(['id', 'status', 'home_unit_id', 'received_at', 'tier', 'channel']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(COMPLAINT_STATUSES));
    expect(new Set(rows.map((r) => r.home_unit_id)).size).toBe(6);
    const months = new Set(rows.map((r) => new Date(r.received_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    expect(rows.some((r) => r.tier === 'province')).toBe(true);
    expect(rows.filter((r) => r.channel === 'regulator').every((r) => r.tier !== 'city')).toBe(true);
    const closed = rows.filter((r) => r.status === 'closed').map((r) => r.id);
    const handled = await ctx.db.selectFrom('complaint_record').select('complaint_id').where('kind', '=', 'handling').where('complaint_id', 'in', closed).execute();
    expect(new Set(handled.map((h) => h.complaint_id)).size).toBe(closed.length);
  });

  it('name the policies, claims and staff they are about, so HQ’s monthly analysis breaks them down by product and staff member', async () => {
    const linked = await ctx.db
      .selectFrom('complaint as c')
      .leftJoin('policy as p', 'p.id', 'c.policy_id')
      .leftJoin('claim as cl', 'cl.id', 'c.claim_id')
      .select(['c.category', 'c.customer_id', 'c.policy_id', 'c.claim_id', 'c.staff_concerned_id', 'c.received_at', 'p.customer_id as holder', 'p.effective_on', 'cl.customer_id as claimant', 'cl.reported_at', 'cl.policy_id as claim_policy'])
      .execute();
    const withPolicy = linked.filter((c) => c.policy_id);
    expect(withPolicy.length).toBeGreaterThan(linked.length * 0.4);
    expect(linked.filter((c) => c.claim_id).length).toBeGreaterThanOrEqual(3);
    expect(linked.filter((c) => c.staff_concerned_id).length).toBeGreaterThan(20);
    for (const c of linked) {
      if (c.claim_id) expect([c.claimant, c.claim_policy, c.reported_at! <= c.received_at]).toEqual([c.customer_id, c.policy_id, true]);
      else if (c.policy_id) expect(c.holder).toBe(c.customer_id);
    }
    const month = new Date(Math.min(Date.now(), Date.parse('2026-11-28T02:00:00.000Z')) - 40 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 7);
    const login = await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hq.complaint_handler', password: DEMO_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const { token } = login.json() as TLoginResponse;
    const res = await ctx.request({ method: 'GET', url: `/api/v1/complaints/analysis?month=${month}`, token });
    expect(res.statusCode, res.body).toBe(200);
    const analysis = res.json() as TComplaintAnalysis;
    expect(analysis.total).toBeGreaterThan(10);
    expect(analysis.byProduct.filter((p) => p.key !== 'none' && p.label).length).toBeGreaterThan(1);
    expect(analysis.byStaff.filter((s) => s.key !== 'none' && s.label).length).toBeGreaterThan(1);
  });
});
