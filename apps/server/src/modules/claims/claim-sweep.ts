import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { insertOutbox } from '../../platform/outbox.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { findOverdueUnmarkedClocks, insertClaimEvent } from './claim.repository.ts';

/**
 * Records every running clock that has passed its deadline as breached, on the clock and as an
 * event on the claim (for the overdue board and the manager's escalation). Idempotent: a clock is
 * marked once (the conditional update), so any number of processes may run it.
 */
export async function sweepClaimClocks(deps: ModuleDeps, now = new Date()): Promise<number> {
  const due = await findOverdueUnmarkedClocks(deps.db, now, 500);
  let marked = 0;
  for (const clock of due) {
    await inTransaction(deps.db, async (tx) => {
      const updated = await tx
        .updateTable('claim_clock')
        .set((eb) => ({ breached_at: eb.ref('due_at') }))
        .where('claim_id', '=', clock.claim_id)
        .where('kind', '=', clock.kind)
        .where('breached_at', 'is', null)
        .where('stopped_at', 'is', null)
        .returning('due_at')
        .executeTakeFirst();
      if (!updated) return;
      marked++;
      await insertClaimEvent(tx, { customerId: clock.customer_id, claimId: clock.claim_id, type: 'clock_breached', from: null, to: null, reason: null, data: { clock: clock.kind, dueAt: updated.due_at.toISOString() }, actorId: 'system', actorName: 'system', at: now });
      await recordAuditEvent(tx, null, { action: 'claim.updated', entityType: 'claim', entityId: clock.claim_id, customerId: clock.customer_id, data: { move: 'clock_breached', clock: clock.kind } });
      await insertOutbox(tx, 'claim.clock_breached', clock.customer_id, clock.claim_id, { claimId: clock.claim_id, clock: clock.kind });
    });
  }
  return marked;
}

