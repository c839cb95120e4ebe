import { z } from 'zod';
import { ZId, ZInstant, ZDate } from './common.ts';
import { ZClaimIncident, ZClaimStatus, ZClaimProgress, ZUploadClaimDocumentRequest } from './claims.ts';
import { ZPolicyStatus } from './policies.ts';
import { ZPortalComplaintSummary } from './complaints.ts';
import { ZProductLine } from './products.ts';

/** Step 1 of the portal login: the policy number and the ID number of a party to the policy. */
export const ZPortalCodeRequest = z.object({
  policyNo: z.string().trim().min(1).max(40),
  idNumber: z.string().trim().min(15).max(18),
});
export type TPortalCodeRequest = z.infer<typeof ZPortalCodeRequest>;

/** Where the code went (masked) and until when it is valid. */
export const ZPortalCodeSent = z.object({
  challengeId: ZId,
  sentTo: z.string(),
  expiresAt: ZInstant,
});
export type TPortalCodeSent = z.infer<typeof ZPortalCodeSent>;

/** Step 2: the one-time code. */
export const ZPortalLoginRequest = z.object({
  challengeId: ZId,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code'),
});
export type TPortalLoginRequest = z.infer<typeof ZPortalLoginRequest>;

export const ZPortalLoginResponse = z.object({ expiresAt: ZInstant });

/** A person the customer may report a claim for on a policy (themself, or an insured of a policy they hold). */
export const ZPortalInsured = z.object({ id: ZId, name: z.string() });

export const ZPortalPolicy = z.object({
  id: ZId,
  policyNo: z.string(),
  productName: z.string(),
  line: ZProductLine,
  status: ZPolicyStatus,
  effectiveOn: ZDate,
  expiresOn: ZDate,
  /** Whether the customer holds the policy (else they are only insured by it). */
  holder: z.boolean(),
  /** Whom the customer may report a claim for. */
  insured: z.array(ZPortalInsured),
  /** The claim documents the product asks for. */
  documents: z.array(z.object({ code: z.string(), name: z.string(), required: z.boolean() })),
});
export type TPortalPolicy = z.infer<typeof ZPortalPolicy>;

export const ZPortalClaim = z.object({
  id: ZId,
  claimNo: z.string(),
  status: ZClaimStatus,
  policyNo: z.string(),
  insuredName: z.string(),
  reportedAt: ZInstant,
  incidentAt: ZInstant,
  amountClaimedFen: z.number().int(),
  amountApprovedFen: z.number().int().nullable(),
  amountPaidFen: z.number().int(),
});
export type TPortalClaim = z.infer<typeof ZPortalClaim>;

/** What the signed-in customer sees first: their name (masked), policies and claims. */
export const ZPortalMe = z.object({
  name: z.string(),
  mobile: z.string(),
  policies: z.array(ZPortalPolicy),
  claims: z.array(ZPortalClaim),
  complaints: z.array(ZPortalComplaintSummary),
});
export type TPortalMe = z.infer<typeof ZPortalMe>;

/** A claim the customer reports in the portal (channel `portal`). */
export const ZPortalReportClaimRequest = z.object({
  policyId: ZId,
  insuredId: ZId,
  incidentAt: ZInstant,
  amountClaimedFen: z.number().int().min(0).max(100_000_000_000),
  incident: ZClaimIncident,
});
export type TPortalReportClaimRequest = z.infer<typeof ZPortalReportClaimRequest>;

/** A claim in the portal: summary, plain-language progress and the documents still missing. */
export const ZPortalClaimDetail = z.object({
  claim: ZPortalClaim,
  progress: ZClaimProgress,
  checklist: z.array(z.object({ code: z.string(), name: z.string(), required: z.boolean(), received: z.boolean() })),
  /** Whether the customer may still add documents. */
  acceptsDocuments: z.boolean(),
});
export type TPortalClaimDetail = z.infer<typeof ZPortalClaimDetail>;

export const ZPortalUploadRequest = ZUploadClaimDocumentRequest;

/** A queued message as the development inbox shows it (recipient masked). */
export const ZOutboxMessage = z.object({
  id: z.number().int(),
  topic: z.string(),
  channel: z.string().nullable(),
  /** Masked recipient, when known. */
  to: z.string().nullable(),
  /** Template key and its parameters (ids and keys, the one-time code). */
  template: z.string(),
  params: z.record(z.string(), z.string()),
  /** The text the customer receives, as the dispatcher renders it, in each language; null for a template the server has no text for. */
  texts: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }).nullable(),
  createdAt: ZInstant,
  publishedAt: ZInstant.nullable(),
});
export type TOutboxMessage = z.infer<typeof ZOutboxMessage>;

export const ZOutboxList = z.object({ items: z.array(ZOutboxMessage) });
