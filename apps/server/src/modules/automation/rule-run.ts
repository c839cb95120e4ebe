import type { TAutomationRuleCode } from '@anxin/contracts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import { recordAuditEvent } from '../audit/index.ts';

export type RuleAction = { kind: string; id: string | null };

/** A rule's switch and parameters as stored (defaults come from the migration). */
export async function loadRule(db: Executor, code: TAutomationRuleCode) {
  const row = await db.selectFrom('automation_rule').select(['code', 'enabled', 'params']).where('code', '=', code).executeTakeFirst();
  return row ? { enabled: row.enabled, params: row.params } : { enabled: false, params: {} as Record<string, unknown> };
}

/** A numeric parameter, or the default when it is missing or not a number. */
export const numberParam = (params: Record<string, unknown>, name: string, fallback: number) => (typeof params[name] === 'number' ? (params[name] as number) : fallback);

/** Why a rule fired for a customer: in English, and as params for the console to word it (`automation.reasons.<rule>`). */
export interface RunReason {
  text: string;
  params: Record<string, string | number>;
}

/**
 * Runs a rule's actions for one customer and period exactly once: the run row's primary key
 * (customer, rule, period) is claimed first in the same transaction as the actions, so a second
 * worker — or a second pass — finds it taken and does nothing. The row says what was done and why.
 * Returns whether it fired.
 */
export async function fireOnce(db: Executor, rule: TAutomationRuleCode, customerId: string, periodKey: string, reason: RunReason, act: (tx: Tx) => Promise<RuleAction[]>, now = new Date()): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const claimed = await tx
      .insertInto('automation_run')
      .values({ customer_id: customerId, rule_code: rule, period_key: periodKey, fired_at: now, reason: reason.text, reason_params: JSON.stringify(reason.params), actions: '[]' })
      .onConflict((oc) => oc.columns(['customer_id', 'rule_code', 'period_key']).doNothing())
      .returning('period_key')
      .executeTakeFirst();
    if (!claimed) return false;
    const actions = await act(tx);
    await tx.updateTable('automation_run').set({ actions: JSON.stringify(actions) }).where('customer_id', '=', customerId).where('rule_code', '=', rule).where('period_key', '=', periodKey).execute();
    await recordAuditEvent(tx, null, { action: 'automation.fired', entityType: 'automation_rule', entityId: null, customerId, data: { rule, periodKey, actions: actions.map((a) => a.kind) } });
    return true;
  });
}
