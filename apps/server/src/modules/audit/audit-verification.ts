import { ZAuditVerifyResult, type TAuditVerification } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { findJobOfKind, jobRunFields, startRequestedJob, type BackgroundJobs, type JobRow } from '../../platform/jobs.ts';
import { canReadAudit } from './audit.policy.ts';
import { recordAuditEvent, verifyAuditChain } from './audit.service.ts';

/** The job kind of a walk of the chain (the worker runs one whose process stopped). */
export const AUDIT_VERIFY_JOB = 'audit_verify';

function assertMayVerify(actor: Actor) {
  if (!canReadAudit(actor) || actor.orgLevel !== 'hq') throw forbidden('Only head-office administrators and compliance auditors may verify the audit chain');
}

/**
 * Walks the whole chain as a job and answers at once: ≈ 64,000 events a second, so a book of a
 * million customers (4–5 million events from its imports alone) takes over a minute. A walk already
 * running is returned, not started twice. The request is audited (`audit.verify_requested`).
 */
export async function requestAuditVerification(db: Db, actor: Actor, jobs: BackgroundJobs, now = new Date(), startAfter?: Promise<unknown>): Promise<TAuditVerification> {
  assertMayVerify(actor);
  const { job } = await startRequestedJob(db, jobs, {
    kind: AUDIT_VERIFY_JOB,
    payload: { requestedBy: actor.displayName },
    dedupeKey: `${AUDIT_VERIFY_JOB}:${now.toISOString()}:${actor.id}`,
    now,
    audit: (tx, job) => recordAuditEvent(tx, actor, { action: 'audit.verify_requested', entityType: 'job', entityId: String(job.id), data: { jobId: job.id } }),
    work: () => verifyAuditChain(db),
    startAfter,
  });
  return presentVerification(job);
}

/** One walk (poll it until it is `done` or `failed`). */
export async function getAuditVerification(db: Executor, actor: Actor, id: string): Promise<TAuditVerification> {
  assertMayVerify(actor);
  const job = await findJobOfKind(db, AUDIT_VERIFY_JOB, id);
  if (!job) throw notFound('Audit verification');
  return presentVerification(job);
}

/** The latest walks, newest first. */
export async function listAuditVerifications(db: Executor, actor: Actor, limit = 10): Promise<TAuditVerification[]> {
  assertMayVerify(actor);
  const jobs = await db.selectFrom('job').selectAll().where('kind', '=', AUDIT_VERIFY_JOB).orderBy('id', 'desc').limit(limit).execute();
  return jobs.map(presentVerification);
}

function presentVerification(job: JobRow): TAuditVerification {
  const result = job.status === 'done' ? ZAuditVerifyResult.safeParse(job.result) : undefined;
  return { ...jobRunFields(job), result: result?.success ? result.data : null };
}
