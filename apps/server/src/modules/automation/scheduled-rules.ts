import type { TAutomationRuleCode } from '@anxin/contracts';
import { sql } from 'kysely';
import { publicHolidayOn, shanghaiDateOf, shanghaiInstant } from '../../platform/business-calendar.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { bloodPressureReadingsSince } from '../customers/index.ts';
import { queueMessage } from '../messages/index.ts';
import { addDays } from '../policies/index.ts';
import { blacklistedInEffect, customersInSegment } from '../segmentation/index.ts';
import { ANNUAL_PREMIUM_SQL, awardPointsInTransaction, createTaskInTransaction, escalateOverdueTasks, scheduleVisitInTransaction } from '../service/index.ts';
import { fireOnce, loadRule, numberParam, type RuleAction } from './rule-run.ts';

const DAY_MS = 86_400_000;

/** What one pass of a scheduled rule did. */
export interface ScheduledRuleResult {
  candidates: number;
  fired: number;
  /** Tags lifted because the condition no longer holds. */
  lifted?: number;
}

type Candidate = { customerId: string; periodKey: string; reason: string; reasonParams: Record<string, string | number> };
type Handler = (deps: ModuleDeps, params: Record<string, unknown>, today: string, now: Date) => Promise<ScheduledRuleResult>;

/**
 * Rules that only sell or win back (greetings with a coverage review, win-back and care visits):
 * blacklisted customers (S6) are left out — and not marked as fired, so the rule can reach them
 * once the entry is lifted or expires. Service rules (renewal notices, claim and complaint visits,
 * health intervention, loyalty points) still run; their marketing messages are suppressed when sent.
 */
const MARKETING_RULES: ReadonlySet<TAutomationRuleCode> = new Set(['birthday_review', 'lapse_retention', 'claim_then_no_renewal', 'holiday_care_visit']);

async function fireAll<C extends Candidate>(deps: ModuleDeps, rule: TAutomationRuleCode, candidates: C[], act: (tx: Tx, c: C) => Promise<RuleAction[]>, now: Date): Promise<ScheduledRuleResult> {
  const blacklisted = MARKETING_RULES.has(rule) ? await blacklistedInEffect(deps.db, candidates.map((c) => c.customerId), shanghaiDateOf(now)) : new Set<string>();
  // A rule limited to a saved segment (its audience) acts only for the segment's members.
  const { audience_segment_id: audience } = await deps.db.selectFrom('automation_rule').select('audience_segment_id').where('code', '=', rule).executeTakeFirstOrThrow();
  const members = audience ? await customersInSegment(deps.db, audience, candidates.map((c) => c.customerId)) : null;
  let fired = 0;
  for (const c of candidates) if (!blacklisted.has(c.customerId) && (!members || members.has(c.customerId)) && await fireOnce(deps.db, rule, c.customerId, c.periodKey, { text: c.reason, params: c.reasonParams }, (tx) => act(tx, c), now)) fired++;
  return { candidates: candidates.length, fired };
}

/** `MM-DD` of a date; 29 February birthdays are celebrated on 28 February in common years. */
function birthdayKeysFor(date: string): string[] {
  const md = date.slice(5);
  const year = Number(date.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return md === '02-28' && !leap ? ['02-28', '02-29'] : [md];
}

/** Birthday − 7 days: a coverage-review task for the agent and a birthday greeting on the day (marketing: consent, quiet hours and cap apply). */
const birthdayReview: Handler = async (deps, params, today, now) => {
  const daysBefore = numberParam(params, 'daysBefore', 7);
  const birthday = addDays(today, daysBefore);
  const rows = await deps.db
    .selectFrom('customer as c')
    .select(['c.id'])
    .where('c.kind', '=', 'person')
    .where(sql<string>`to_char(c.birth_date, 'MM-DD')`, 'in', birthdayKeysFor(birthday))
    .where(({ exists, selectFrom }) => exists(selectFrom('policy as p').select('p.id').whereRef('p.customer_id', '=', 'c.id').where('p.status', '=', 'in_force')))
    .execute();
  const candidates = rows.map((r) => ({ customerId: r.id, periodKey: birthday.slice(0, 4), reason: `birthday on ${birthday} (in ${daysBefore} days)`, reasonParams: { birthday, days: daysBefore } }));
  return fireAll(deps, 'birthday_review', candidates, async (tx, c) => {
    const taskId = await createTaskInTransaction(tx, null, { customerId: c.customerId, kind: 'coverage_review', text: { key: 'birthday_review', params: { birthday } }, title: 'Birthday coverage review', detail: `Birthday on ${birthday}: review whether the customer's cover still fits their life stage.`, priority: 'normal', dueAt: shanghaiInstant(birthday, '18:00'), sourceType: 'rule', sourceId: 'birthday_review', reason: c.reason }, now);
    const messageId = await queueMessage({ ...deps, db: tx }, { customerId: c.customerId, channel: 'sms', template: 'birthday_greeting', params: {}, source: 'rule:birthday_review', sendAt: shanghaiInstant(birthday, '09:00') }, now);
    return [{ kind: 'task', id: taskId }, { kind: 'message', id: messageId }];
  }, now);
};

/**
 * Policy expiry − 30 and − 7 days: a renewal reminder to the policyholder; at the first threshold
 * also a renewal task for the agent (at a later one if the first never fired for the policy). Each threshold covers the days down to the next one, so a
 * missed day is caught up and a policy gets one reminder per threshold.
 */
const renewalReminder: Handler = async (deps, params, today, now) => {
  const raw = Array.isArray(params.daysBefore) ? (params.daysBefore as unknown[]).filter((d): d is number => typeof d === 'number' && d >= 0) : [30, 7];
  const thresholds = [...new Set(raw)].sort((a, b) => a - b);
  const result: ScheduledRuleResult = { candidates: 0, fired: 0 };
  const firstDays = thresholds[thresholds.length - 1]!;
  for (const [i, days] of thresholds.entries()) {
    const lower = i === 0 ? today : addDays(today, thresholds[i - 1]! + 1);
    const upper = addDays(today, days);
    const rows = await deps.db
      .selectFrom('policy as p')
      .select(['p.id', 'p.customer_id', 'p.policy_no', 'p.expires_on', 'p.agent_id'])
      .where('p.status', '=', 'in_force')
      .where('p.expires_on', '>=', lower)
      .where('p.expires_on', '<=', upper)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('policy as r').select('r.id').whereRef('r.renewal_of_id', '=', 'p.id'))))
      .execute();
    const isFirst = i === thresholds.length - 1;
    const candidates = rows.map((r) => ({ customerId: r.customer_id, periodKey: `${r.id}:${days}`, reason: `policy ${r.policy_no} expires on ${r.expires_on} (reminder ${days} days before)`, reasonParams: { policyNo: r.policy_no, expiresOn: r.expires_on, days }, policy: r }));
    const res = await fireAll(deps, 'renewal_reminder', candidates, async (tx, c) => {
      // Daily rules run just after midnight: the reminder goes out from 09:00.
      const sendAt = new Date(Math.max(now.getTime(), shanghaiInstant(today, '09:00').getTime()));
      const actions = [{ kind: 'message', id: await queueMessage({ ...deps, db: tx }, { customerId: c.customerId, channel: 'sms', template: 'renewal_reminder', params: { policyNo: c.policy.policy_no, expiresOn: c.policy.expires_on }, source: 'rule:renewal_reminder', sendAt }, now) }];
      // The agent's task comes with the first threshold — or with a later one when the policy was
      // already inside the first window when Anxin first saw it (entered or imported late): then it
      // is urgent, due today.
      const taskGiven =
        !isFirst &&
        (await tx.selectFrom('automation_run').select('period_key').where('customer_id', '=', c.customerId).where('rule_code', '=', 'renewal_reminder').where('period_key', '=', `${c.policy.id}:${firstDays}`).executeTakeFirst()) !== undefined;
      if (isFirst || !taskGiven) {
        const due = addDays(c.policy.expires_on, -7) > today ? addDays(c.policy.expires_on, -7) : today;
        actions.push({ kind: 'task', id: await createTaskInTransaction(tx, null, { customerId: c.customerId, kind: 'renewal_reminder', text: { key: 'renewal_reminder', params: { policyNo: c.policy.policy_no, expiresOn: c.policy.expires_on, days } }, title: `Renew policy ${c.policy.policy_no}`, detail: `Expires on ${c.policy.expires_on}.`, priority: isFirst ? 'normal' : 'high', dueAt: shanghaiInstant(due, '18:00'), assigneeId: c.policy.agent_id, sourceType: 'rule', sourceId: 'renewal_reminder', reason: c.reason }, now) });
      }
      return actions;
    }, now);
    result.candidates += res.candidates;
    result.fired += res.fired;
  }
  return result;
};

/** Policies that reached expiry in the last 30 days without a renewal (and are not cancelled or surrendered). */
function expiredUnrenewed(deps: ModuleDeps, from: string, to: string) {
  return deps.db
    .selectFrom('policy as p')
    .select(['p.id', 'p.customer_id', 'p.policy_no', 'p.expires_on', 'p.agent_id'])
    .where('p.status', 'in', ['in_force', 'expired'])
    .where('p.expires_on', '>=', from)
    .where('p.expires_on', '<=', to)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('policy as r').select('r.id').whereRef('r.renewal_of_id', '=', 'p.id'))));
}

/** Not renewed 7 days after expiry: a retention task for the agent (policies with a closed claim go to the claim rule instead). */
const lapseRetention: Handler = async (deps, params, today, now) => {
  const after = numberParam(params, 'daysAfterExpiry', 7);
  const rows = await expiredUnrenewed(deps, addDays(today, -30 - after), addDays(today, -after))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('claim as k').select('k.id').whereRef('k.policy_id', '=', 'p.id').where('k.status', '=', 'closed'))))
    .execute();
  const candidates = rows.map((r) => ({ customerId: r.customer_id, periodKey: r.id, reason: `policy ${r.policy_no} expired on ${r.expires_on} and was not renewed within ${after} days`, reasonParams: { policyNo: r.policy_no, expiresOn: r.expires_on, days: after }, policy: r }));
  return fireAll(deps, 'lapse_retention', candidates, async (tx, c) => [
    { kind: 'task', id: await createTaskInTransaction(tx, null, { customerId: c.customerId, kind: 'retention', text: { key: 'lapse_retention', params: { policyNo: c.policy.policy_no, expiresOn: c.policy.expires_on, days: after } }, title: `Win back policy ${c.policy.policy_no}`, detail: c.reason, priority: 'high', dueAt: new Date(now.getTime() + 3 * DAY_MS), assigneeId: c.policy.agent_id, sourceType: 'rule', sourceId: 'lapse_retention', reason: c.reason }, now) },
  ], now);
};

/** A claim was closed on the policy and it reached expiry without renewal: a retention task (V6 "claim paid but policy not renewed"). */
const claimThenNoRenewal: Handler = async (deps, _params, today, now) => {
  const rows = await expiredUnrenewed(deps, addDays(today, -30), addDays(today, -1))
    .innerJoin('claim as k', (j) => j.onRef('k.policy_id', '=', 'p.id').on('k.status', '=', 'closed'))
    .select(['k.claim_no'])
    .execute();
  const seen = new Set<string>();
  const candidates = rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ customerId: r.customer_id, periodKey: r.id, reason: `claim ${r.claim_no} was closed on policy ${r.policy_no}, which expired on ${r.expires_on} without renewal`, reasonParams: { claimNo: r.claim_no, policyNo: r.policy_no, expiresOn: r.expires_on }, policy: r }));
  return fireAll(deps, 'claim_then_no_renewal', candidates, async (tx, c) => [
    { kind: 'task', id: await createTaskInTransaction(tx, null, { customerId: c.customerId, kind: 'retention', text: { key: 'claim_then_no_renewal', params: { policyNo: c.policy.policy_no, claimNo: c.policy.claim_no, expiresOn: c.policy.expires_on } }, title: `Retain after claim: policy ${c.policy.policy_no}`, detail: c.reason, priority: 'high', dueAt: new Date(now.getTime() + 2 * DAY_MS), assigneeId: c.policy.agent_id, sourceType: 'rule', sourceId: 'claim_then_no_renewal', reason: c.reason }, now) },
  ], now);
};

/**
 * A claim-free policy year: loyalty points and a thank-you message, once per policy year, for
 * in-force policies whose anniversary fell in the last 7 days with no claim incident in the year.
 */
const claimFreeYear: Handler = async (deps, params, today, now) => {
  const points = numberParam(params, 'points', 100);
  const window = Array.from({ length: 7 }, (_, i) => addDays(today, -i));
  const rows = await deps.db
    .selectFrom('policy as p')
    .select(['p.id', 'p.customer_id', 'p.policy_no', 'p.effective_on'])
    .where('p.status', '=', 'in_force')
    .where('p.effective_on', '<=', addDays(today, -365))
    .where(sql<string>`to_char(p.effective_on, 'MM-DD')`, 'in', [...new Set(window.flatMap(birthdayKeysFor))])
    .execute();
  const candidates = [];
  for (const r of rows) {
    const anniversary = window.find((d) => birthdayKeysFor(d).includes(r.effective_on.slice(5)));
    if (!anniversary) continue;
    const yearStart = `${Number(anniversary.slice(0, 4)) - 1}${anniversary.slice(4)}`;
    const claims = await deps.db
      .selectFrom('claim')
      .select('id')
      .where('customer_id', '=', r.customer_id)
      .where('policy_id', '=', r.id)
      .where('incident_at', '>=', shanghaiInstant(yearStart))
      .where('incident_at', '<', shanghaiInstant(anniversary))
      .where('status', 'not in', ['withdrawn'])
      .limit(1)
      .execute();
    if (claims.length > 0) continue;
    candidates.push({ customerId: r.customer_id, periodKey: `${r.id}:${anniversary}`, reason: `policy ${r.policy_no}: no claim from ${yearStart} to ${anniversary}`, reasonParams: { policyNo: r.policy_no, from: yearStart, to: anniversary }, policy: r });
  }
  return fireAll(deps, 'claim_free_year', candidates, async (tx, c) => [
    { kind: 'points', id: await awardPointsInTransaction(tx, null, { customerId: c.customerId, points, reason: 'claim_free_year', sourceId: c.policy.id, note: c.reason }, now) },
    { kind: 'message', id: await queueMessage({ ...deps, db: tx }, { customerId: c.customerId, channel: 'sms', template: 'loyalty_thanks', params: { policyNo: c.policy.policy_no, points }, source: 'rule:claim_free_year' }, now) },
  ], now);
};

/**
 * Holiday care (V3): a few days before a public holiday starts, an on-site (or phone) care visit
 * for long-standing, large customers — the visit-method rule's thresholds are this rule's parameters.
 */
const holidayCareVisit: Handler = async (deps, params, today, now) => {
  const daysBefore = numberParam(params, 'daysBefore', 3);
  const start = addDays(today, daysBefore);
  const holiday = publicHolidayOn(start);
  if (!holiday || publicHolidayOn(addDays(start, -1))) return { candidates: 0, fired: 0 };
  const thresholds = { onSiteTenureYears: numberParam(params, 'onSiteTenureYears', 5), onSiteAnnualPremiumFen: numberParam(params, 'onSiteAnnualPremiumFen', 1_000_000) };
  const rows = await deps.db
    .selectFrom('policy as p')
    .select(['p.customer_id'])
    .groupBy('p.customer_id')
    .having(sql<string>`min(p.effective_on)`, '<=', addDays(today, -365 * thresholds.onSiteTenureYears))
    .having(sql<number>`coalesce(sum(${ANNUAL_PREMIUM_SQL}) FILTER (WHERE p.status = 'in_force'), 0)`, '>=', thresholds.onSiteAnnualPremiumFen)
    .execute();
  const candidates = rows.map((r) => ({ customerId: r.customer_id, periodKey: start, reason: `${holiday.name} (${holiday.nameZh}) starts on ${start}; long-standing, large customer`, reasonParams: { holiday: holiday.name, holidayZh: holiday.nameZh, start } }));
  return fireAll(deps, 'holiday_care_visit', candidates, async (tx, c) => [
    { kind: 'visit', id: await scheduleVisitInTransaction(tx, null, { customerId: c.customerId, visitType: 'holiday_care', dueAt: shanghaiInstant(addDays(start, -1), '17:00'), source: 'rule:holiday_care_visit' }, thresholds, now) },
  ], now);
};

/** `YYYY-MM` of the month `delta` months from the month of `date`. */
function monthOf(date: string, delta: number): string {
  const m = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + delta;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/**
 * Health intervention (S9): blood pressure elevated — the month's average at or above either
 * threshold — in each of the last `months` consecutive months ending this month or last: a
 * health-intervention task and a coverage-upgrade review for the agent. Only readings of customers
 * who (still) have separate health-data consent are read; the reason names months, not values.
 */
const healthIntervention: Handler = async (deps, params, today, now) => {
  const months = Math.max(1, numberParam(params, 'months', 3));
  const systolicAtLeast = numberParam(params, 'systolicAtLeast', 140);
  const diastolicAtLeast = numberParam(params, 'diastolicAtLeast', 90);
  const readings = await bloodPressureReadingsSince(deps, `${monthOf(today, -months)}-01`);
  const candidates = [];
  for (const [customerId, list] of readings) {
    const byMonth = new Map<string, { s: number; d: number; n: number }>();
    for (const r of list) {
      const m = r.measuredOn.slice(0, 7);
      const acc = byMonth.get(m) ?? { s: 0, d: 0, n: 0 };
      byMonth.set(m, { s: acc.s + r.systolic, d: acc.d + r.diastolic, n: acc.n + 1 });
    }
    const elevated = (m: string) => {
      const a = byMonth.get(m);
      return a !== undefined && (a.s / a.n >= systolicAtLeast || a.d / a.n >= diastolicAtLeast);
    };
    const last = elevated(monthOf(today, 0)) ? 0 : -1;
    const streak = Array.from({ length: months }, (_, i) => monthOf(today, last - (months - 1) + i));
    if (!streak.every(elevated)) continue;
    candidates.push({ customerId, periodKey: streak.at(-1)!, months: streak.join(', '), reason: `blood pressure elevated in ${streak.join(', ')} (monthly average at or above ${systolicAtLeast}/${diastolicAtLeast} mmHg); health-data consent on file`, reasonParams: { months: streak.join(', '), systolic: systolicAtLeast, diastolic: diastolicAtLeast } });
  }
  return fireAll(deps, 'health_intervention', candidates, async (tx, c) => [
    { kind: 'task', id: await createTaskInTransaction(tx, null, { customerId: c.customerId, kind: 'health_intervention', text: { key: 'health_intervention', params: { months: c.months, systolic: systolicAtLeast, diastolic: diastolicAtLeast } }, title: 'Health intervention plan', detail: 'Contact the customer about a health-management plan (check-up green channel, follow-up with a doctor) — blood pressure has stayed high.', priority: 'high', dueAt: new Date(now.getTime() + 3 * DAY_MS), sourceType: 'rule', sourceId: 'health_intervention', reason: c.reason }, now) },
    { kind: 'task', id: await createTaskInTransaction(tx, null, { customerId: c.customerId, kind: 'coverage_review', text: { key: 'coverage_upgrade', params: { months: c.months, systolic: systolicAtLeast, diastolic: diastolicAtLeast } }, title: 'Coverage upgrade suggestion', detail: 'Review critical-illness and medical cover against the customer’s current health risk.', priority: 'normal', dueAt: new Date(now.getTime() + 7 * DAY_MS), sourceType: 'rule', sourceId: 'health_intervention', reason: c.reason }, now) },
  ], now);
};

/**
 * Churn watch (V6, M2): a customer who used to get in touch (at least `minBaseline` inbound contacts
 * in the `baselineDays` before) and whose inbound contacts in the last `recentDays` fell by
 * `dropPct` % or more below their own rate gets the risk tag `churn_watch`, with the figures as the
 * reason; the tag is lifted when the rate recovers. Set-based: one aggregate over interactions.
 */
const churnWatch: Handler = async (deps, params, today, now) => {
  const recentDays = Math.max(1, numberParam(params, 'recentDays', 90));
  const baselineDays = Math.max(1, numberParam(params, 'baselineDays', 365));
  const dropPct = Math.min(100, numberParam(params, 'dropPct', 50));
  const minBaseline = numberParam(params, 'minBaseline', 4);
  const recentFrom = new Date(now.getTime() - recentDays * DAY_MS);
  const baselineFrom = new Date(recentFrom.getTime() - baselineDays * DAY_MS);
  const falling = () =>
    deps.db
      .selectFrom('interaction')
      .select(['customer_id', sql<number>`count(*) FILTER (WHERE occurred_at >= ${recentFrom})::int`.as('recent'), sql<number>`count(*) FILTER (WHERE occurred_at < ${recentFrom})::int`.as('baseline')])
      .where('direction', '=', 'inbound')
      .where('occurred_at', '>=', baselineFrom)
      .where('occurred_at', '<=', now)
      .groupBy('customer_id')
      .having(sql<number>`count(*) FILTER (WHERE occurred_at < ${recentFrom})`, '>=', minBaseline)
      // recent / recentDays < baseline / baselineDays × (1 − dropPct/100), in integers.
      .having(sql<boolean>`(count(*) FILTER (WHERE occurred_at >= ${recentFrom}) * ${baselineDays} * 100 < count(*) FILTER (WHERE occurred_at < ${recentFrom}) * ${recentDays} * ${100 - dropPct})`, '=', true);
  const rows = await falling().execute();
  const lifted = await deps.db
    .deleteFrom('customer_tag')
    .where('tag', '=', 'churn_watch')
    .where('source', '=', 'rule:churn_watch')
    .where('customer_id', 'not in', falling().clearSelect().select('customer_id'))
    .executeTakeFirst();
  const candidates = rows.map((r) => {
    const expected = Math.round((r.baseline * recentDays) / baselineDays);
    return { customerId: r.customer_id, periodKey: today.slice(0, 7), reason: `${r.recent} inbound contacts in the last ${recentDays} days, ${expected} expected from the ${baselineDays} days before`, reasonParams: { recent: r.recent, days: recentDays, expected, baselineDays } };
  });
  const result = await fireAll(deps, 'churn_watch', candidates, async (tx, c) => {
    await tx
      .insertInto('customer_tag')
      .values({ customer_id: c.customerId, tag: 'churn_watch', dimension: 'risk', reason: c.reason, source: 'rule:churn_watch', applied_at: now })
      .onConflict((oc) => oc.columns(['customer_id', 'tag']).doUpdateSet({ reason: c.reason, applied_at: now }))
      .execute();
    return [{ kind: 'tag', id: 'churn_watch' }];
  }, now);
  return { ...result, lifted: Number(lifted.numDeletedRows) };
};

/** The scheduled rules and what each runs once a day (overdue-task escalation runs on every pass instead). */
export const SCHEDULED_RULES: Partial<Record<TAutomationRuleCode, Handler>> = {
  birthday_review: birthdayReview,
  renewal_reminder: renewalReminder,
  lapse_retention: lapseRetention,
  claim_then_no_renewal: claimThenNoRenewal,
  claim_free_year: claimFreeYear,
  holiday_care_visit: holidayCareVisit,
  health_intervention: healthIntervention,
  churn_watch: churnWatch,
};

/** Overdue tasks are escalated on every pass of due work (not once a day), while the rule is on. */
export async function escalateOverdueTasksIfEnabled(deps: ModuleDeps, now = new Date()): Promise<number> {
  return (await loadRule(deps.db, 'overdue_task_escalation')).enabled ? escalateOverdueTasks(deps, now) : 0;
}

/** Runs one scheduled rule for today (Shanghai) if it is switched on. Safe to run twice or in two workers at once. */
export async function runScheduledRule(deps: ModuleDeps, code: TAutomationRuleCode, now = new Date()): Promise<ScheduledRuleResult> {
  const handler = SCHEDULED_RULES[code];
  if (!handler) throw new Error(`${code} is not a scheduled rule`);
  const rule = await loadRule(deps.db, code);
  if (!rule.enabled) return { candidates: 0, fired: 0 };
  return handler(deps, rule.params, shanghaiDateOf(now), now);
}
