import type { TClaimIncident, TClaimListQuery, TClaimProgress, TClaimStatsQuery, TClaimStatus } from '@anxin/contracts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, notFound, rule } from '../../platform/errors.ts';
import { findPolicyForClaim } from '../policies/index.ts';
import { viewClock, type ClockState } from './claim-clocks.ts';
import { isOpen, movesFrom } from './claim-status.ts';
import { waitingEndsOn } from './fast-track.ts';
import { claimScopeOf, mayApproveClaims, mayHandleClaims, mayReadClaims, mayReportClaims } from './claim.policy.ts';
import {
  findAdjustersWithLoad,
  findClaimById,
  listAdjustmentLines,
  listClaimEvents,
  listClaims as listClaimRows,
  listClaimsNeedingAttention,
  clocksOf,
  listClocks,
  listDocuments,
  listNotices,
  listPayments,
  type ClaimRow,
} from './claim.repository.ts';

/** The claim if the actor may see it; NOT_FOUND otherwise. */
export async function requireVisibleClaim(deps: ModuleDeps, actor: Actor, id: string) {
  const row = await findClaimById(deps.db, id, claimScopeOf(actor));
  if (!row) throw notFound('Claim');
  return row;
}

/** The checklist of the claim's product with what has been received. */
/** The product's claim documents (the checklist, with what was received) and its coverages' names by code. */
async function loadProductTerms(deps: ModuleDeps, row: Pick<ClaimRow, 'policy_id' | 'incident_at'>, documents: { code: string }[]) {
  const policy = await findPolicyForClaim(deps, { policyId: row.policy_id });
  const items = policy?.product.claim_documents ?? [];
  const received = new Set(documents.map((d) => d.code));
  // The product's waiting period (等待期) from the policy's start: a loss inside it is usually not covered.
  const waitingDays = policy?.product.waiting_days ?? 0;
  const endsOn = policy && waitingDays > 0 ? waitingEndsOn(policy.row.effective_on, waitingDays) : null;
  return {
    waitingPeriod: endsOn ? { days: waitingDays, endsOn, incidentWithin: shanghaiDateOf(row.incident_at) < endsOn } : null,
    checklist: items.map((i) => ({ code: i.code, name: i.name, required: i.required, received: received.has(i.code) })),
    coverageNames: new Map((policy?.product.coverages ?? []).map((c) => [c.code, c.name] as const)),
  };
}

/** Everything the claim detail shows; the incident is decrypted (health data: presenters decide who sees it). */
export async function loadClaimDetail(deps: ModuleDeps, row: ClaimRow) {
  const [events, clocks, documents, notices, adjustment, payments] = await Promise.all([
    listClaimEvents(deps.db, row.id),
    listClocks(deps.db, [row.id]),
    listDocuments(deps.db, row.id),
    listNotices(deps.db, row.id),
    listAdjustmentLines(deps.db, row.id),
    listPayments(deps.db, row.id),
  ]);
  const { checklist, coverageNames, waitingPeriod } = await loadProductTerms(deps, row, documents);
  const incident = JSON.parse(deps.cipher.decrypt(row.incident_enc)) as TClaimIncident;
  return { row, incident, events, clocks: clocks.get(row.id) ?? [], documents, notices, adjustment, payments, checklist, coverageNames, waitingPeriod };
}
export type ClaimDetail = Awaited<ReturnType<typeof loadClaimDetail>>;

/** One claim with its history, clocks, documents, adjustment and payments. */
export async function getClaim(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadClaims(actor)) throw forbidden('You may not view claims');
  return loadClaimDetail(deps, await requireVisibleClaim(deps, actor, id));
}

/** Whom the claim may be given to: active adjusters of its unit or above, with their workload. */
export async function listClaimAssignees(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayHandleClaims(actor) && !mayApproveClaims(actor)) throw forbidden('You may not assign claims');
  const claim = await requireVisibleClaim(deps, actor, id);
  const rows = await findAdjustersWithLoad(deps.db, claim.org_path);
  return { items: rows.map((r) => ({ id: r.id, name: r.display_name, unitName: r.unit_name, openClaims: Number(r.open_claims) })) };
}

/** What the actor may do next on a claim in this status. */
/** What would make a move refused now: it is not offered (the claim shows why — the checklist, the adjustment, the payments). */
export interface ClaimBlocks {
  documentsMissing?: boolean;
  notAdjusted?: boolean;
  unpaid?: boolean;
}

export function nextActionsFor(actor: Actor, status: TClaimStatus, adjustedBy: string | null = null, denialNoticeDue = status === 'denied', blocks: ClaimBlocks = {}): string[] {
  const actions: string[] = [];
  const blocked = { complete_documents: blocks.documentsMissing, submit_for_approval: blocks.notAdjusted, close: blocks.unpaid } as Partial<Record<string, boolean | undefined>>;
  if (mayHandleClaims(actor)) {
    const moves = movesFrom(status);
    for (const m of ['register', 'start_assessment', 'complete_documents', 'submit_for_approval', 'close', 'withdraw', 'reopen'] as const) if (moves.includes(m) && !blocked[m]) actions.push(m);
    if (moves.includes('request_documents') || status === 'documents_pending') actions.push('request_documents');
    if (isOpen(status)) actions.push('upload_document', 'assign', 'flag');
    if (['adjusting', 'reopened', 'assessing', 'documents_pending'].includes(status)) actions.push('adjust');
    if (moves.includes('deny')) actions.push('deny');
    if (status === 'denied' && denialNoticeDue) actions.push('denial_notice');
    if (['paying', 'assessing', 'documents_pending', 'adjusting', 'approving'].includes(status)) actions.push('pay');
  }
  // Who adjusted the claim may send it back but not approve it (four eyes).
  if (mayApproveClaims(actor) && status === 'approving') actions.push(...(adjustedBy === actor.id ? [] : ['approve']), 'send_back');
  // Whoever may report claims may also bring their documents (a counter clerk scanning invoices).
  if (mayReportClaims(actor) && isOpen(status) && status !== 'paying') actions.push('upload_document');
  return [...new Set(actions)];
}

const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const encodeCursor = (value: string, id: string) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
function decodeCursor(text: string) {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && CURSOR.test(parsed[0]) && typeof parsed[1] === 'string' && /^[0-9a-f-]{36}$/i.test(parsed[1])) return { value: parsed[0], id: parsed[1] };
  } catch {
    // fall through
  }
  throw fieldError('querystring.cursor', rule('invalid_cursor', 'is not a cursor from a previous page of this list'));
}

/** Claims in the actor's scope: newest first (keyset pages), or in work-queue priority order. */
export async function listClaims(deps: ModuleDeps, actor: Actor, query: TClaimListQuery, now = new Date()) {
  if (!mayReadClaims(actor)) throw forbidden('You may not view claims');
  if (query.sort === 'priority' && query.cursor) throw fieldError('querystring.cursor', rule('single_page_queue', 'the priority queue has no further pages; narrow it with filters'));
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listClaimRows(deps.db, claimScopeOf(actor), { ...query, actorId: actor.id }, after);
  const page = query.sort === 'priority' ? rows : rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = query.sort !== 'priority' && rows.length > query.limit && last ? encodeCursor(last.reported_at.toISOString(), last.id) : null;
  return { items: page.map((row) => ({ row, clocks: clocksOf(row) })), nextCursor, now };
}

/** The overdue board: claims in scope with a breached clock or one inside its warning days. */
export async function overdueBoard(deps: ModuleDeps, actor: Actor, now = new Date()) {
  if (!mayReadClaims(actor)) throw forbidden('You may not view claims');
  const rows = await listClaimsNeedingAttention(deps.db, claimScopeOf(actor), now);
  const items = rows.map((row) => ({ row, clocks: clocksOf(row) }));
  const views = items.map((i) => i.clocks.map((c) => viewClock(c, now)));
  return {
    items,
    now,
    counts: { breached: views.filter((v) => v.some((c) => c.state === 'breached')).length, warning: views.filter((v) => v.some((c) => c.warning) && !v.some((c) => c.state === 'breached')).length },
  };
}

/** Fast-track figures for medical claims reported in [from, to] (Shanghai dates; default the last 30 days). */
export async function claimStats(deps: ModuleDeps, actor: Actor, query: TClaimStatsQuery, now = new Date()) {
  if (!mayReadClaims(actor)) throw forbidden('You may not view claims');
  const day = shanghaiDateOf;
  const to = query.to ?? day(now);
  const from = query.from ?? day(new Date(now.getTime() - 29 * 86_400_000));
  if (from > to) throw fieldError('querystring.from', rule('range_reversed', 'must not be after `to`'));
  const rows = await deps.db
    .selectFrom('claim')
    .select(['fast_track', 'fast_track_decision'])
    .where('line', '=', 'medical')
    .where('org_path', 'like', `${actor.orgPath}%`)
    .where(sql<boolean>`(reported_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date`)
    .execute();
  const approved = rows.filter((r) => r.fast_track).length;
  const failed = new Map<string, number>();
  for (const r of rows) for (const t of r.fast_track_decision?.trace ?? []) if (!t.passed) failed.set(t.rule, (failed.get(t.rule) ?? 0) + 1);
  return {
    from,
    to,
    medicalReported: rows.length,
    fastTrackApproved: approved,
    straightThroughRate: rows.length === 0 ? 0 : Math.round((approved / rows.length) * 10_000) / 10_000,
    failedRules: [...failed.entries()].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
  };
}

const STEP_OF_EVENT: Record<string, string> = {
  reported: 'reported',
  register: 'registered',
  start_assessment: 'assessing',
  document_notice: 'documents_requested',
  complete_documents: 'documents_received',
  submit_for_approval: 'approving',
  send_back: 'adjusting',
  approve: 'approved',
  fast_track_approve: 'fast_track_approved',
  payment: 'paid',
  final_payment: 'closed',
  close: 'closed',
  deny: 'denied',
  withdraw: 'withdrawn',
  reopen: 'reopened',
  denial_notice: 'denial_notice_sent',
};

/** What happens next, and by when, in plain language (keys the console and portal translate). */
function nextStep(status: TClaimStatus, clocks: ClockState[], documentsAllIn = false): TClaimProgress['next'] {
  const due = (kind: string) => clocks.find((c) => c.kind === kind && !c.stoppedAt)?.dueAt.toISOString() ?? null;
  switch (status) {
    case 'reported':
      return { key: 'registration', dueAt: null };
    case 'registered':
    case 'assessing':
    case 'reopened':
      return { key: 'assessment', dueAt: due('determination') };
    case 'documents_pending':
      // Everything asked for is in: the documents are with us, not with the customer.
      // Their arrival resumed the decision clock: the review is due when it is.
      return documentsAllIn ? { key: 'documents_review', dueAt: due('determination') } : { key: 'customer_documents', dueAt: null };
    case 'adjusting':
    case 'approving':
      return { key: 'decision', dueAt: due('determination') };
    case 'paying':
      return { key: 'payment', dueAt: due('payment') };
    case 'denied':
      return due('denial_notice') ? { key: 'denial_notice', dueAt: due('denial_notice') } : null;
    default:
      return null;
  }
}

/** The customer-facing timeline: steps without staff names or internal notes, and the next step. */
export function buildProgress(detail: ClaimDetail): TClaimProgress {
  const steps = detail.events.flatMap((e) => {
    const key = STEP_OF_EVENT[e.type];
    if (!key) return [];
    const params: Record<string, string> = {};
    if (e.type === 'document_notice') params.count = String((e.data as { codes?: string[] }).codes?.length ?? 0);
    if (e.type === 'approve' || e.type === 'fast_track_approve') params.amountFen = String(detail.row.amount_approved_fen ?? 0);
    if (e.type === 'denial_notice') params.via = String((e.data as { sentVia?: string }).sentVia ?? '');
    if (e.type === 'payment' || e.type === 'final_payment') params.amountFen = String((e.data as { amountFen?: number }).amountFen ?? 0);
    // The final payment is two things to the customer: the money paid, and the case closed.
    if (e.type === 'final_payment') return [{ key: 'paid', at: e.at.toISOString(), params }, { key, at: e.at.toISOString(), params: {} }];
    return [{ key, at: e.at.toISOString(), params }];
  });
  const received = new Set(detail.documents.map((d) => d.code));
  const asked = detail.notices.flatMap((n) => n.codes);
  const documentsAllIn = asked.length > 0 && asked.every((code) => received.has(code));
  return { claimNo: detail.row.claim_no, status: detail.row.status, steps, next: nextStep(detail.row.status, detail.clocks, documentsAllIn) };
}

export async function getClaimProgress(deps: ModuleDeps, actor: Actor, id: string) {
  return buildProgress(await getClaim(deps, actor, id));
}

/** Number and parties of a claim, without a scope check (for modules that link to it, e.g. complaints). */
export async function findClaimRef(deps: ModuleDeps, id: string) {
  return deps.db.selectFrom('claim').select(['id', 'claim_no', 'customer_id', 'policy_id']).where('id', '=', id).executeTakeFirst();
}
