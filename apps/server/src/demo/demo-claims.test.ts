import { CLAIM_STATUSES, type TPortalCodeSent } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../app.ts';
import { createTestContext } from '../test/context.ts';
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
