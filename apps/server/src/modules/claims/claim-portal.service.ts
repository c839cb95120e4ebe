import type { TPortalClaim, TPortalClaimDetail, TPortalReportClaimRequest, TUploadClaimDocumentRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
import type { DocumentStore } from './claim-files.ts';
import { buildProgress, loadClaimDetail } from './claim-read.service.ts';
import { isOpen } from './claim-status.ts';
import { listClaimsOfCustomer, type ClaimRow } from './claim.repository.ts';
import { reportClaim, uploadClaimDocument } from './claim-write.service.ts';

// The customer portal's view of claims. The portal module has proven who the customer is; these
// functions decide which claims are theirs (insured, or on a policy they hold) and act with the
// narrow `claim:report` permission on those claims only.

const portalClaim = (row: ClaimRow): TPortalClaim => ({
  id: row.id,
  claimNo: row.claim_no,
  status: row.status,
  policyNo: row.policy_no,
  insuredName: row.insured_name,
  reportedAt: row.reported_at.toISOString(),
  incidentAt: row.incident_at.toISOString(),
  amountClaimedFen: Number(row.amount_claimed_fen),
  amountApprovedFen: row.amount_approved_fen === null ? null : Number(row.amount_approved_fen),
  amountPaidFen: Number(row.amount_paid_fen),
});

/** The customer actor acting on their own claim: may report and add documents, nothing else. */
const reporterFor = (customer: Actor): Actor => ({ ...customer, permissions: new Set(['claim:report']), orgPath: '', ownRecordsOnly: false });

function requireCustomer(actor: Actor) {
  if (actor.kind !== 'customer') throw new DomainError('FORBIDDEN', 'Only a customer signed in to the portal may do this');
}

async function requireOwnClaim(deps: ModuleDeps, actor: Actor, claimId: string) {
  const [row] = await listClaimsOfCustomer(deps.db, actor.id, claimId);
  if (!row) throw notFound('Claim');
  return row;
}

/** The customer's claims, newest first (audited as a read of their own records). */
export async function listPortalClaims(deps: ModuleDeps, actor: Actor): Promise<TPortalClaim[]> {
  requireCustomer(actor);
  const rows = await listClaimsOfCustomer(deps.db, actor.id);
  return rows.map(portalClaim);
}

/** One claim with its plain-language progress and checklist. */
export async function getPortalClaim(deps: ModuleDeps, actor: Actor, claimId: string): Promise<TPortalClaimDetail> {
  requireCustomer(actor);
  const row = await requireOwnClaim(deps, actor, claimId);
  const detail = await loadClaimDetail(deps, row);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'portal.claims_read', entityType: 'claim', entityId: row.id, customerId: row.customer_id, data: { claimNo: row.claim_no } });
  return {
    claim: portalClaim(row),
    progress: buildProgress(detail),
    checklist: detail.checklist,
    acceptsDocuments: isOpen(row.status) && row.status !== 'paying',
  };
}

/**
 * Reports a claim from the portal (channel `portal`). The customer may claim for themself on a
 * policy that insures them, or for any insured of a policy they hold.
 */
export async function reportPortalClaim(deps: ModuleDeps, actor: Actor, input: TPortalReportClaimRequest, allowed: { policyId: string; insuredIds: string[] }[]) {
  requireCustomer(actor);
  const policy = allowed.find((p) => p.policyId === input.policyId);
  if (!policy) throw new DomainError('NOT_FOUND', 'Policy not found', [{ field: 'body.policyId', message: 'is not one of your policies', rule: 'not_of_customer' }]);
  if (!policy.insuredIds.includes(input.insuredId)) {
    throw new DomainError('CLAIM_NOT_COVERED', 'You may not claim for this person on this policy', [{ field: 'body.insuredId', message: 'is not insured by this policy, or you do not hold it', rule: 'not_insured' }]);
  }
  const detail = await reportClaim(deps, reporterFor(actor), { policyId: input.policyId, insuredId: input.insuredId, channel: 'portal', incidentAt: input.incidentAt, amountClaimedFen: input.amountClaimedFen, incident: input.incident });
  return getPortalClaim(deps, actor, detail.row.id);
}

/** Adds a document (invoice, report, ID copy) to one of the customer's open claims. */
export async function uploadPortalDocument(deps: ModuleDeps, store: DocumentStore, actor: Actor, claimId: string, input: TUploadClaimDocumentRequest) {
  requireCustomer(actor);
  await requireOwnClaim(deps, actor, claimId);
  await uploadClaimDocument(deps, store, reporterFor(actor), claimId, input);
  return getPortalClaim(deps, actor, claimId);
}
