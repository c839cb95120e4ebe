import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * Brings the lifecycle stage of the people on these policies (policyholders and insured) in line
 * with their policies: `active` while any policy is in force, `lapsed` when none is but one lapsed,
 * `former` when every one has ended (expired, surrendered, cancelled). A prospect without an issued
 * policy (none, or only pending ones) stays a prospect. Run in the transaction that issued, changed
 * or ended the policies; a changed customer's version moves on, so an edit made on the old stage is
 * refused rather than putting it back.
 */
export async function syncLifecycleStages(db: Executor, policyIds: readonly string[], now: Date): Promise<void> {
  if (policyIds.length === 0) return;
  await sql`
    WITH people AS (
      SELECT DISTINCT customer_id FROM policy_party
      WHERE policy_id IN (${sql.join(policyIds)}) AND role IN ('applicant', 'insured')
    ),
    staged AS (
      SELECT pp.customer_id,
             CASE WHEN bool_or(p.status = 'in_force') THEN 'active'
                  WHEN bool_or(p.status = 'lapsed') THEN 'lapsed'
                  ELSE 'former' END AS stage
      FROM policy_party pp
      JOIN policy p ON p.id = pp.policy_id
      WHERE pp.customer_id IN (SELECT customer_id FROM people) AND pp.role IN ('applicant', 'insured') AND p.status <> 'pending'
      GROUP BY pp.customer_id
    )
    UPDATE customer c
    SET lifecycle_stage = staged.stage, version = c.version + 1, updated_at = ${now}
    FROM staged
    WHERE c.id = staged.customer_id AND c.lifecycle_stage <> staged.stage`.execute(db);
}
