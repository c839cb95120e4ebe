import type { TAutomationRule, TAutomationRuleCode, TAutomationRun, TJobRunResult, TUpdateAutomationRuleRequest } from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { hasPermission } from '../../platform/actor.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { AutomationRuntime } from './automation-runtime.ts';
import { runDueWork } from './job-runner.ts';
import { SCHEDULED_RULES } from './scheduled-rules.ts';

const mayRead = (actor: Actor) => hasPermission(actor, 'service:read');
const mayManage = (actor: Actor) => hasPermission(actor, 'service:manage');

async function loadRules(deps: ModuleDeps, code?: string): Promise<TAutomationRule[]> {
  const since = new Date(Date.now() - 30 * 86_400_000);
  let q = deps.db
    .selectFrom('automation_rule as r')
    .leftJoin('segment as s', 's.id', 'r.audience_segment_id')
    .select(['r.code', 'r.trigger', 'r.enabled', 'r.params', 'r.updated_by_name', 'r.updated_at', 'r.version', 's.id as audience_id', 's.name as audience_name'])
    .select((eb) => [
      eb.selectFrom('automation_run as a').select(sql<number>`count(*)::int`.as('n')).whereRef('a.rule_code', '=', 'r.code').where('a.fired_at', '>=', since).as('runs'),
      eb.selectFrom('automation_run as a').select(sql<Date>`max(a.fired_at)`.as('m')).whereRef('a.rule_code', '=', 'r.code').as('last_fired_at'),
    ]);
  if (code) q = q.where('r.code', '=', code);
  const rows = await q.orderBy('r.code').execute();
  return rows.map((r) => ({
    code: r.code as TAutomationRuleCode,
    trigger: r.trigger,
    enabled: r.enabled,
    params: r.params,
    audience: r.audience_id && r.audience_name ? { id: r.audience_id, name: r.audience_name } : null,
    runsLast30Days: r.runs ?? 0,
    lastFiredAt: r.last_fired_at ? new Date(r.last_fired_at).toISOString() : null,
    updatedBy: r.updated_by_name,
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  }));
}

/** The built-in automation rules with their switches, parameters and recent activity. */
export async function listAutomationRules(deps: ModuleDeps, actor: Actor) {
  if (!mayRead(actor)) throw forbidden('You may not view automation rules');
  return { items: await loadRules(deps) };
}

/** Switches a rule on or off or changes its parameters (same names and kinds as the defaults). */
export async function updateAutomationRule(deps: ModuleDeps, actor: Actor, code: TAutomationRuleCode, input: TUpdateAutomationRuleRequest) {
  if (!mayManage(actor)) throw forbidden('You may not change automation rules');
  await inTransaction(deps.db, async (tx) => {
    const stored = await tx.selectFrom('automation_rule').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!stored) throw notFound('Automation rule');
    if (stored.version !== input.version) throw versionConflict('Automation rule');
    const params = { ...stored.params };
    for (const [name, value] of Object.entries(input.params ?? {})) {
      const current = stored.params[name];
      if (current === undefined) throw fieldError(`body.params.${name}`, rule('not_a_parameter', `is not a parameter of ${code}`));
      if (Array.isArray(current) !== Array.isArray(value)) throw fieldError(`body.params.${name}`, rule('wrong_type', Array.isArray(current) ? 'must be a list of numbers' : 'must be a number', { expected: Array.isArray(current) ? 'number_list' : 'number' }));
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => !Number.isInteger(v) || v < 0)) throw fieldError(`body.params.${name}`, rule('non_negative_integers', 'must be whole numbers, 0 or more'));
      params[name] = value;
    }
    if (input.audienceSegmentId !== undefined && input.audienceSegmentId !== null) {
      if (!(code in SCHEDULED_RULES)) throw fieldError('body.audienceSegmentId', rule('audience_not_allowed', 'only a daily scheduled rule that selects customers takes an audience'));
      if (!(await tx.selectFrom('segment').select('id').where('id', '=', input.audienceSegmentId).executeTakeFirst())) throw fieldError('body.audienceSegmentId', rule('not_found', 'no such segment'), 'NOT_FOUND');
    }
    const audience = input.audienceSegmentId === undefined ? stored.audience_segment_id : input.audienceSegmentId;
    await tx
      .updateTable('automation_rule')
      .set({ enabled: input.enabled ?? stored.enabled, params: JSON.stringify(params), audience_segment_id: audience, updated_by_name: actor.displayName, updated_at: new Date(), version: stored.version + 1 })
      .where('code', '=', code)
      .execute();
    await recordAuditEvent(tx, actor, { action: 'automation_rule.changed', entityType: 'automation_rule', entityId: null, data: { code, enabled: input.enabled ?? stored.enabled, params: Object.keys(input.params ?? {}), audienceSegmentId: audience } });
  });
  return (await loadRules(deps, code))[0]!;
}

/** What the rules did, newest first: the rule, the customer, the period, why and what. */
export async function listAutomationRuns(deps: ModuleDeps, actor: Actor, query: { ruleCode?: TAutomationRuleCode | undefined; customerId?: string | undefined; limit: number }): Promise<{ items: TAutomationRun[] }> {
  if (!mayRead(actor)) throw forbidden('You may not view automation runs');
  let q = deps.db
    .selectFrom('automation_run as a')
    .innerJoin('customer as c', 'c.id', 'a.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
    .select(['a.rule_code', 'a.customer_id', 'c.name as customer_name', 'a.period_key', 'a.fired_at', 'a.reason', 'a.reason_params', 'a.actions'])
    .where('o.path', 'like', `${actor.orgPath}%`);
  if (actor.ownRecordsOnly) q = q.where('c.owner_agent_id', '=', actor.id);
  if (query.ruleCode) q = q.where('a.rule_code', '=', query.ruleCode);
  if (query.customerId) q = q.where('a.customer_id', '=', query.customerId);
  const rows = await q.orderBy('a.fired_at', 'desc').limit(query.limit).execute();
  return { items: rows.map((r) => ({ ruleCode: r.rule_code as TAutomationRuleCode, customerId: r.customer_id, customerName: r.customer_name, periodKey: r.period_key, firedAt: r.fired_at.toISOString(), reason: r.reason, reasonParams: r.reason_params, actions: r.actions })) };
}

/** Runs due work now from the rules page (administrators): the same pass as the worker. */
export async function runDueWorkNow(deps: ModuleDeps, actor: Actor, runtime: AutomationRuntime): Promise<TJobRunResult> {
  if (!mayManage(actor)) throw forbidden('You may not run automation by hand');
  return runDueWork(deps, runtime, { workerId: `console:${actor.name}` });
}
