import { AUTOMATION_RULES, type TAutomationRuleCode, type TJobRunResult } from '@anxin/contracts';
import { sql } from 'kysely';
import { shanghaiDateOf, shanghaiInstant } from '../../platform/business-calendar.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { completeJob, failJob, JOB_LEASE_MS, JOB_MAX_ATTEMPTS, keepLeases } from '../../platform/jobs.ts';
import { AUDIT_VERIFY_JOB, verifyAuditChain } from '../audit/index.ts';
import { deliverDueMessages } from '../messages/index.ts';
import { CLUSTER_JOB, runClusterJobAsSystem, runSegmentationAsSystem } from '../segmentation/index.ts';
import type { AutomationRuntime } from './automation-runtime.ts';
import { dispatchOutbox } from './event-rules.ts';
import { escalateOverdueTasksIfEnabled, runScheduledRule, SCHEDULED_RULES } from './scheduled-rules.ts';

/** When the nightly segmentation batch runs (Asia/Shanghai). */
const SEGMENTATION_AT = '02:00';

export interface RunDueWorkOptions {
  /** Names the worker in the job rows it claims (host:pid, or a test's name). */
  workerId: string;
  now?: Date;
  /** Told about an event or job that failed (ids and error class only; never personal data). */
  onError?: (what: string, error: unknown) => void;
}

/**
 * Puts today's run of every switched-on scheduled rule and tonight's segmentation batch in the job
 * table, once per rule and day (the dedupe key), whichever worker gets there first.
 */
export async function scheduleDailyRuleJobs(deps: ModuleDeps, now: Date): Promise<void> {
  const rules = await deps.db.selectFrom('automation_rule').select(['code']).where('trigger', '=', 'schedule').where('enabled', '=', true).execute();
  const today = shanghaiDateOf(now);
  const rows = rules.filter((r) => r.code in SCHEDULED_RULES).map((r) => ({ kind: 'rule', dedupe_key: `rule:${r.code}:${today}`, payload: JSON.stringify({ rule: r.code, date: today }), run_at: now, status: 'pending' as const }));
  // The nightly segmentation batch (metrics, segments, tags, tiers, clusters, risk alerts) at 02:00 Shanghai.
  rows.push({ kind: 'segmentation', dedupe_key: `segmentation:${today}`, payload: JSON.stringify({ date: today }), run_at: shanghaiInstant(today, SEGMENTATION_AT), status: 'pending' });
  await deps.db.insertInto('job').values(rows).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
}

/**
 * Claims due jobs with a lease: pending ones whose time has come and running ones whose worker
 * stopped renewing (crashed) — FOR UPDATE SKIP LOCKED, so two workers never take the same job.
 */
async function claimDueJobs(deps: ModuleDeps, workerId: string, now: Date, limit = 20) {
  return inTransaction(deps.db, async (tx) => {
    const due = await tx
      .selectFrom('job')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]))
      .orderBy('run_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return tx
      .updateTable('job')
      .set({ status: 'running', locked_by: workerId, locked_until: new Date(now.getTime() + JOB_LEASE_MS), attempts: sql`attempts + 1` })
      .where('id', 'in', due.map((d) => d.id))
      .returning(['id', 'kind', 'payload', 'attempts'])
      .execute();
  });
}

/**
 * One pass over due work — what the in-process worker runs every few seconds and
 * `anxin jobs run --once` runs once: publish outbox events (event rules, queued messages), put
 * today's scheduled rules in the job table, run the due jobs, escalate overdue tasks, deliver due
 * messages.
 */
export async function runDueWork(deps: ModuleDeps, runtime: AutomationRuntime, options: RunDueWorkOptions): Promise<TJobRunResult> {
  const now = options.now ?? new Date();
  const result: TJobRunResult = { outboxEvents: 0, jobs: 0, rulesFired: 0, messagesSent: 0, messagesDeferred: 0, messagesSuppressed: 0, messagesFailed: 0, tasksEscalated: 0 };
  result.outboxEvents = await publishOutbox(deps, runtime, now, options);
  await scheduleDailyRuleJobs(deps, now);
  const claimed = await claimDueJobs(deps, options.workerId, now);
  // The clock the jobs were claimed by (tests pass their own), moved on by the time that has passed.
  const startedAt = performance.now();
  const clock = () => new Date(now.getTime() + (performance.now() - startedAt));
  const leases = keepLeases(deps.db, options.workerId, claimed.map((j) => j.id), clock, JOB_LEASE_MS / 3, (error) => options.onError?.('job lease renewal', error));
  try {
    for (const job of claimed) {
      try {
        await runClaimedJob(deps, options, now, job, result);
      } finally {
        leases.finished(job.id);
      }
    }
  } finally {
    await leases.stop();
  }
  result.tasksEscalated = await escalateOverdueTasksIfEnabled(deps, now);
  const delivered = await deliverDueMessages(deps, runtime.adapters, runtime.settings, now);
  result.messagesSent = delivered.sent;
  result.messagesDeferred = delivered.deferred;
  result.messagesSuppressed = delivered.suppressed;
  result.messagesFailed = delivered.failed;
  return result;
}

/**
 * Publishes outbox events in batches until none is left (events may cause events: a survey answered
 * → a task), at most 20 batches so one pass stays short; the rest waits for the next pass.
 */
async function publishOutbox(deps: ModuleDeps, runtime: AutomationRuntime, now: Date, options: Pick<RunDueWorkOptions, 'onError'>): Promise<number> {
  let total = 0;
  for (let round = 0; round < 20; round++) {
    const published = await dispatchOutbox(deps, runtime, now, (id, error) => options.onError?.(`outbox event ${id}`, error));
    total += published;
    if (published === 0) break;
  }
  return total;
}

/**
 * The part of a pass a waiting person needs at once (`UrgentWork`): publish the outbox — a portal
 * sign-in code becomes a queued text there — and deliver the due messages. No jobs and no rules of
 * the day: those wait for the regular pass, which may be busy with a long job meanwhile.
 */
export async function publishAndDeliver(deps: ModuleDeps, runtime: AutomationRuntime, options: Pick<RunDueWorkOptions, 'onError'> = {}, now = new Date()) {
  const outboxEvents = await publishOutbox(deps, runtime, now, options);
  return { outboxEvents, ...(await deliverDueMessages(deps, runtime.adapters, runtime.settings, now)) };
}

type ClaimedJob = Awaited<ReturnType<typeof claimDueJobs>>[number];

/** Runs one claimed job and records its outcome — only while this worker still holds it. */
async function runClaimedJob(deps: ModuleDeps, options: RunDueWorkOptions, now: Date, job: ClaimedJob, result: TJobRunResult) {
  const payload = job.payload as { rule?: string };
  try {
    let outcome: object;
    if (job.kind === 'segmentation') {
      outcome = await runSegmentationAsSystem(deps.db, now, options.workerId);
    } else if (job.kind === AUDIT_VERIFY_JOB) {
      // A walk of the audit chain whose process stopped before it finished (started by a request).
      outcome = await verifyAuditChain(deps.db);
    } else if (job.kind === CLUSTER_JOB) {
      // A clustering whose process stopped before it finished (started by a request).
      outcome = await runClusterJobAsSystem(deps, job.payload);
    } else {
      if (job.kind !== 'rule' || !payload.rule || !(AUTOMATION_RULES as readonly string[]).includes(payload.rule)) throw new Error(`unknown job ${job.kind}`);
      const fired = await runScheduledRule(deps, payload.rule as TAutomationRuleCode, now);
      result.rulesFired += fired.fired;
      outcome = fired;
    }
    await completeJob(deps.db, job.id, options.workerId, outcome);
    result.jobs++;
  } catch (error) {
    options.onError?.(`job ${job.id}`, error);
    // A clustering is not retried later by itself (an analyst may have run another since).
    await failJob(deps.db, job.kind === CLUSTER_JOB ? { ...job, attempts: JOB_MAX_ATTEMPTS } : job, options.workerId, error, now);
  }
}
