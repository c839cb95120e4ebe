import type {
  TAttributeDefinition,
  TConsent,
  TConsentEvent,
  TContact,
  TCustomer,
  TCustomerSummary,
  TIncomeBand,
  TInteraction,
  TRelationship,
  TConsentPurpose,
  TConsentChannel,
  TInteractionChannel,
} from '@anxin/contracts';
import { maskMobile } from '../../platform/crypto/masking.ts';
import type { AttributeDefinitionRow } from './attribute.repository.ts';
import type { ConsentEventRow, ConsentRow } from './consent.repository.ts';
import type { ContactRow } from './contact.repository.ts';
import { MASKED_NOTES, maskContactValue } from './customer-masking.ts';
import type { CustomerRow, CustomerSummaryRow } from './customer.repository.ts';
import type { InteractionRow } from './interaction.repository.ts';
import type { RelationshipRow } from './relationship.repository.ts';

type SummaryInput = CustomerSummaryRow & { mobile: string | null };

/** Whitelists list fields; the ID number is the stored masked form and the mobile is masked. */
export function presentCustomerSummary(row: SummaryInput): TCustomerSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date,
    idNumber: row.id_number_masked,
    mobile: maskMobile(row.mobile),
    lifecycleStage: row.lifecycle_stage,
    tier: row.tier,
    ownerAgentId: row.owner_agent_id,
    ownerAgentName: row.owner_agent_name,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Whitelists the profile; sensitive fields appear only masked. */
export function presentCustomer(row: CustomerRow): TCustomer {
  return {
    ...presentCustomerSummary(row),
    namePinyin: row.name_pinyin,
    nameInitials: row.name_initials,
    occupation: row.occupation,
    incomeBand: row.income_band as TIncomeBand | null,
    unifiedSocialCreditCode: row.unified_social_credit_code,
    industry: row.industry,
    externalId: row.external_id,
    healthNotes: row.has_health_notes ? MASKED_NOTES : null,
    bankAccount: row.bank_account_masked,
    attributes: row.attributes ?? {},
  };
}

/** A contact with its value masked for its channel. */
export function presentContact(row: ContactRow): TContact {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    value: maskContactValue(row.channel, row.value),
    verified: row.verified,
    preferred: row.preferred,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function presentRelationship(row: RelationshipRow): TRelationship {
  return {
    id: row.id,
    customerId: row.customer_id,
    relatedCustomerId: row.related_customer_id,
    relatedCustomerName: row.related_customer_name,
    type: row.type,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentConsent(row: ConsentRow): TConsent {
  return {
    purpose: row.purpose as TConsentPurpose,
    channel: row.channel as TConsentChannel,
    separate: row.separate,
    granted: row.granted,
    grantedAt: row.granted_at?.toISOString() ?? null,
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    evidence: { kind: row.evidence_kind as TConsent['evidence']['kind'], reference: row.evidence_reference },
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentConsentEvent(row: ConsentEventRow): TConsentEvent {
  return {
    id: row.id,
    customerId: row.customer_id,
    purpose: row.purpose as TConsentPurpose,
    channel: row.channel as TConsentChannel,
    action: row.action,
    separate: row.separate,
    evidence: { kind: row.evidence_kind as TConsent['evidence']['kind'], reference: row.evidence_reference },
    staffId: row.staff_id,
    staffName: row.staff_name,
    at: row.at.toISOString(),
  };
}

export function presentInteraction(row: InteractionRow): TInteraction {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel as TInteractionChannel,
    direction: row.direction,
    staffId: row.staff_id,
    staffName: row.staff_name,
    occurredAt: row.occurred_at.toISOString(),
    summary: row.summary,
    policyId: row.policy_id,
    claimId: row.claim_id,
    complaintId: row.complaint_id,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentAttributeDefinition(row: AttributeDefinitionRow): TAttributeDefinition {
  return {
    id: row.id,
    key: row.key,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    type: row.type,
    options: row.options ?? [],
    required: row.required,
    filterable: row.filterable,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
