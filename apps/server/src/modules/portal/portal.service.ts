import type { TPortalComplaintRequest, TPortalMe, TPortalReportClaimRequest, TUploadClaimDocumentRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { maskMobile } from '../../platform/crypto/masking.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
import { getPortalClaim, listPortalClaims, reportPortalClaim, uploadPortalDocument, type DocumentStore } from '../claims/index.ts';
import { listPortalComplaints, submitPortalComplaint } from '../complaints/index.ts';
import { findPortalIdentity } from '../customers/index.ts';
import { listPortalPolicies } from '../policies/index.ts';

function requireCustomer(actor: Actor) {
  if (actor.kind !== 'customer') throw new DomainError('FORBIDDEN', 'Only a customer signed in to the portal may do this');
}

/** The signed-in customer's home: who they are, their policies and their claims. */
export async function getPortalHome(deps: ModuleDeps, actor: Actor): Promise<TPortalMe> {
  requireCustomer(actor);
  const [identity, policies, claims, complaints] = await Promise.all([findPortalIdentity(deps, actor.id), listPortalPolicies(deps, actor.id), listPortalClaims(deps, actor), listPortalComplaints(deps, actor)]);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'portal.claims_read', entityType: 'customer', entityId: actor.id, customerId: actor.id, data: { policies: policies.length, claims: claims.length } });
  return { name: identity!.name, mobile: maskMobile(identity!.mobile?.number ?? null) ?? '', policies, claims, complaints };
}

/** Reports a claim on one of the customer's policies, for a person they may claim for. */
export async function reportClaimFromPortal(deps: ModuleDeps, actor: Actor, input: TPortalReportClaimRequest) {
  requireCustomer(actor);
  const policies = await listPortalPolicies(deps, actor.id);
  return reportPortalClaim(
    deps,
    actor,
    input,
    policies.map((p) => ({ policyId: p.id, insuredIds: p.insured.map((i) => i.id) })),
  );
}

export const getClaimForPortal = getPortalClaim;

/** The customer complains about one of their policies (or in general). */
export async function complainFromPortal(deps: ModuleDeps, actor: Actor, input: TPortalComplaintRequest) {
  requireCustomer(actor);
  const policies = await listPortalPolicies(deps, actor.id);
  return submitPortalComplaint(
    deps,
    actor,
    input,
    policies.map((p) => p.id),
  );
}

export async function addPortalDocument(deps: ModuleDeps, store: DocumentStore, actor: Actor, claimId: string, input: TUploadClaimDocumentRequest) {
  return uploadPortalDocument(deps, store, actor, claimId, input);
}
