-- A claim approved before any decision clock ran (the fast track decides at reporting) got a
-- determination clock that was started but never stopped, so a paid or closed claim kept a decision
-- deadline running — on its page, on the overdue board, and eventually as a false breach. The approval
-- was the decision: those clocks stop at the approval and lose a breach recorded after it.
UPDATE claim_clock k
SET stopped_at = c.approved_at,
    paused_at = NULL,
    warned_at = CASE WHEN k.warned_at > c.approved_at THEN NULL ELSE k.warned_at END,
    breached_at = CASE WHEN k.breached_at > c.approved_at THEN NULL ELSE k.breached_at END
FROM claim c
WHERE k.claim_id = c.id
  AND k.customer_id = c.customer_id
  AND k.kind = 'determination'
  AND k.stopped_at IS NULL
  AND c.status IN ('paying', 'closed')
  AND c.approved_at IS NOT NULL
  AND k.started_at >= c.approved_at;
