import { sql } from 'kysely';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { syncLifecycleStages } from '../customers/index.ts';

/** Why a policy's term ended on its own (the console words it). */
export const TERM_ENDED_REASON = 'term_ended';
const BATCH = 500;

/**
 * Policies whose term is over become expired: every in-force or lapsed policy whose last day of
 * cover (`expires_on`) is before today in China. Cover up to that day stays (claims on it are still
 * judged by the dates). Audited per policy as the system; batches of 500 with SKIP LOCKED, so any
 * number of processes may run it and a large book is worked through in short transactions.
 */
export async function expireEndedPolicies(deps: ModuleDeps, now = new Date()): Promise<number> {
  const today = shanghaiDateOf(now);
  let total = 0;
  for (;;) {
    const expired = await inTransaction(deps.db, async (tx) => {
      const { rows } = await sql<{ id: string; customer_id: string; from_status: string; policy_no: string }>`
        WITH due AS (
          SELECT id, status AS from_status FROM policy
          WHERE status IN ('in_force', 'lapsed') AND expires_on < ${today}
          ORDER BY expires_on, id
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE policy p
        SET status = 'expired', status_reason = ${TERM_ENDED_REASON}, status_changed_on = p.expires_on, version = p.version + 1, updated_at = ${now}
        FROM due
        WHERE p.id = due.id
        RETURNING p.id, p.customer_id, due.from_status, p.policy_no`.execute(tx);
      for (const r of rows) {
        await recordAuditEvent(tx, null, {
          action: 'policy.updated',
          entityType: 'policy',
          entityId: r.id,
          customerId: r.customer_id,
          data: { status: { from: r.from_status, to: 'expired' }, reason: TERM_ENDED_REASON, policyNo: r.policy_no },
        });
      }
      await syncLifecycleStages(tx, rows.map((r) => r.id), now);
      return rows.length;
    });
    total += expired;
    if (expired < BATCH) return total;
  }
}
