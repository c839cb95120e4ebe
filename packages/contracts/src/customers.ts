// Contracts of the customers module: zod schemas named Z…, types T… (see shared/CONVENTIONS.md).
// Shapes only: normalisation (NFKC, spaces), ID-number checksum, mobile and e-mail rules are applied
// by the server (modules/customers/customer-validation.ts), so imports get the same rules as the API.
import { z } from 'zod';
import { ZDate, ZId, ZInstant, ZVersion } from './common.ts';
import { ZCustomer360ClaimsSection } from './claims.ts';
import { ZCustomer360ComplaintsSection } from './complaints.ts';
import { ZCustomer360PoliciesSection } from './policies.ts';

// ─── Enums ────────────────────────────────────────────────────────────────────────────────────

/** A customer is a natural person or an organisation (company, school, …). */
export const CUSTOMER_KINDS = ['person', 'organisation'] as const;
export const ZCustomerKind = z.enum(CUSTOMER_KINDS);
export type TCustomerKind = z.infer<typeof ZCustomerKind>;

export const GENDERS = ['male', 'female'] as const;
export const ZGender = z.enum(GENDERS);
export type TGender = z.infer<typeof ZGender>;

/** Where the customer stands with us: prospect (准保户) → active → lapsed → former. */
export const LIFECYCLE_STAGES = ['prospect', 'active', 'lapsed', 'former'] as const;
export const ZLifecycleStage = z.enum(LIFECYCLE_STAGES);
export type TLifecycleStage = z.infer<typeof ZLifecycleStage>;

/** Customer tier (客户分级); filled by segmentation later, settable by hand now. */
export const TIERS = ['platinum', 'gold', 'silver', 'standard'] as const;
export const ZTier = z.enum(TIERS);
export type TTier = z.infer<typeof ZTier>;

/** Annual income band of a person, in yuan. */
export const INCOME_BANDS = ['under_50k', '50k_100k', '100k_300k', '300k_1m', 'over_1m'] as const;
export const ZIncomeBand = z.enum(INCOME_BANDS);
export type TIncomeBand = z.infer<typeof ZIncomeBand>;

/** Contact channels of a customer. */
export const CONTACT_CHANNELS = ['mobile', 'landline', 'email', 'address', 'wechat'] as const;
export const ZContactChannel = z.enum(CONTACT_CHANNELS);
export type TContactChannel = z.infer<typeof ZContactChannel>;

/**
 * Relationship types. `type` names what the related customer is to this customer
 * (`{ relatedCustomerId: B, type: 'child' }` = B is this customer's child). Stored both ways with
 * the inverse: spouse↔spouse, child↔parent, employer↔employee, other↔other.
 */
export const RELATIONSHIP_TYPES = ['spouse', 'child', 'parent', 'employer', 'employee', 'other'] as const;
export const ZRelationshipType = z.enum(RELATIONSHIP_TYPES);
export type TRelationshipType = z.infer<typeof ZRelationshipType>;

/** Relationship types that make a household (家庭成员). */
export const FAMILY_RELATIONSHIP_TYPES = ['spouse', 'child', 'parent'] as const satisfies readonly TRelationshipType[];

/** Sensitive fields (敏感个人信息): encrypted at rest, masked in every response, unmasked only with a purpose. */
export const SENSITIVE_CUSTOMER_FIELDS = ['idNumber', 'healthNotes', 'bankAccount'] as const;
/** Fields `POST /customers/{id}/unmask` can reveal: the sensitive fields and the contacts' full values. */
export const UNMASKABLE_CUSTOMER_FIELDS = [...SENSITIVE_CUSTOMER_FIELDS, 'contacts'] as const;
export const ZUnmaskableCustomerField = z.enum(UNMASKABLE_CUSTOMER_FIELDS);
export type TUnmaskableCustomerField = z.infer<typeof ZUnmaskableCustomerField>;

/** Why data may be processed (PIPL). */
export const CONSENT_PURPOSES = ['service', 'marketing', 'partner_sharing', 'health_data', 'financial_data', 'profiling'] as const;
export const ZConsentPurpose = z.enum(CONSENT_PURPOSES);
export type TConsentPurpose = z.infer<typeof ZConsentPurpose>;

/** Purposes that concern sensitive personal information and need separate consent (单独同意, PIPL art. 29). */
export const SEPARATE_CONSENT_PURPOSES = ['health_data', 'financial_data'] as const satisfies readonly TConsentPurpose[];

/** Channels a consent covers; `any` decides for every channel that has no state of its own, and a withdrawal on `any` withdraws every channel. */
export const CONSENT_CHANNELS = ['sms', 'phone', 'email', 'wechat', 'mail', 'any'] as const;
export const ZConsentChannel = z.enum(CONSENT_CHANNELS);
export type TConsentChannel = z.infer<typeof ZConsentChannel>;

/** How a consent decision was captured. */
export const CONSENT_EVIDENCE_KINDS = ['signed_form', 'recorded_call', 'electronic_click', 'other'] as const;
export const ZConsentEvidenceKind = z.enum(CONSENT_EVIDENCE_KINDS);

/** Channels of an interaction (touchpoint). */
export const INTERACTION_CHANNELS = ['phone', 'counter', 'on_site_visit', 'app', 'web', 'wechat', 'sms', 'email', 'bot'] as const;
export const ZInteractionChannel = z.enum(INTERACTION_CHANNELS);
export type TInteractionChannel = z.infer<typeof ZInteractionChannel>;

export const INTERACTION_DIRECTIONS = ['inbound', 'outbound'] as const;
export const ZInteractionDirection = z.enum(INTERACTION_DIRECTIONS);
export type TInteractionDirection = z.infer<typeof ZInteractionDirection>;

/** Types of custom customer attributes. */
export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean', 'enum'] as const;
export const ZAttributeType = z.enum(ATTRIBUTE_TYPES);
export type TAttributeType = z.infer<typeof ZAttributeType>;

/** Sort orders of the customer list; `-` = descending. */
export const CUSTOMER_SORTS = ['-createdAt', 'createdAt', 'name', '-name', '-updatedAt', 'updatedAt'] as const;
export const ZCustomerSort = z.enum(CUSTOMER_SORTS);
export type TCustomerSort = z.infer<typeof ZCustomerSort>;

/** Dimensions of three-dimensional tags (C5). */
export const TAG_DIMENSIONS = ['risk', 'value', 'need'] as const;

// ─── Keyset pages ─────────────────────────────────────────────────────────────────────────────

/** Keyset paging query: pass the previous page's `nextCursor` to get the next page. */
export const ZCursorQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/** A keyset page: `nextCursor` is null on the last page. */
export function ZCursorPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

// ─── Customer ─────────────────────────────────────────────────────────────────────────────────

const ZText = (max: number) => z.string().max(max);
const ZOptionalText = (max: number) => ZText(max).nullable().optional();

/** Custom attribute values by attribute key (validated against the definitions on write). */
export const ZCustomerAttributeValues = z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]));
export type TCustomerAttributeValues = z.infer<typeof ZCustomerAttributeValues>;

/** A contact given when creating a customer or adding a contact. */
export const ZCreateContactRequest = z.object({
  channel: ZContactChannel,
  /** Mobile `1[3-9]xxxxxxxxx` (+86/86 prefix, spaces and dashes accepted), e-mail, address text, WeChat id, landline. */
  value: z.string().min(1, 'value is required').max(300),
  verified: z.boolean().default(false),
  /** At most one preferred contact per customer; setting it clears the previous one. */
  preferred: z.boolean().default(false),
  label: z.string().max(40).nullable().optional(),
});
export type TCreateContactRequest = z.input<typeof ZCreateContactRequest>;

export const ZUpdateContactRequest = z.object({
  value: z.string().min(1, 'value is required').max(300).optional(),
  verified: z.boolean().optional(),
  preferred: z.boolean().optional(),
  label: z.string().max(40).nullable().optional(),
  version: ZVersion,
});
export type TUpdateContactRequest = z.infer<typeof ZUpdateContactRequest>;

/** A contact as the API shows it: `value` is masked (138****5678, z***@…, address to the district). */
export const ZContact = z
  .object({
    id: ZId,
    customerId: ZId,
    channel: ZContactChannel,
    value: z.string(),
    verified: z.boolean(),
    preferred: z.boolean(),
    label: z.string().nullable(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    version: ZVersion,
  })
  .meta({ id: 'CustomerContact' });
export type TContact = z.infer<typeof ZContact>;
export const ZContactList = z.object({ items: z.array(ZContact) });
export type TContactList = z.infer<typeof ZContactList>;

export const ZConsentEvidence = z.object({
  kind: ZConsentEvidenceKind,
  /** Form number, call recording id, click log reference, … */
  reference: z.string().trim().min(1, 'reference is required').max(200),
});
export type TConsentEvidence = z.infer<typeof ZConsentEvidence>;

/** Grant or withdraw a consent for a purpose on a channel, with evidence. */
export const ZConsentChangeRequest = z.object({
  purpose: ZConsentPurpose,
  channel: ZConsentChannel.default('any'),
  evidence: ZConsentEvidence,
});
export type TConsentChangeRequest = z.input<typeof ZConsentChangeRequest>;

/** Create a customer. Person fields and organisation fields are checked against `kind`. */
export const ZCreateCustomerRequest = z.object({
  kind: ZCustomerKind.default('person'),
  name: z.string().min(1, 'name is required').max(100),
  gender: ZGender.nullable().optional(),
  birthDate: ZDate.nullable().optional(),
  /** Mainland resident ID number (18 characters, GB 11643 check digit); encrypted, masked in responses. */
  idNumber: ZOptionalText(30),
  occupation: ZOptionalText(100),
  incomeBand: ZIncomeBand.nullable().optional(),
  /** Organisations: unified social credit code (统一社会信用代码, 18 characters). */
  unifiedSocialCreditCode: ZOptionalText(30),
  /** Organisations: industry. */
  industry: ZOptionalText(100),
  lifecycleStage: ZLifecycleStage.default('prospect'),
  tier: ZTier.default('standard'),
  /** Owner agent (staff id of an active agent in scope). Default: the caller if the caller is an agent. */
  ownerAgentId: ZId.nullable().optional(),
  /** Org unit the customer belongs to. Default: the owner agent's unit, else the caller's unit. */
  orgUnitId: ZId.optional(),
  /** The id of the customer in a source system (re-imports update by it); unique. */
  externalId: ZOptionalText(100),
  /** Sensitive: health notes (encrypted, masked). */
  healthNotes: ZOptionalText(2000),
  /** Sensitive: bank account number (encrypted, masked). */
  bankAccount: ZOptionalText(40),
  contacts: z.array(ZCreateContactRequest).max(20).optional(),
  attributes: ZCustomerAttributeValues.optional(),
  /**
   * Consents given when the customer is taken on (e.g. on the application form), each with its
   * evidence. Health notes on a new customer need `health_data` here (separate consent, PIPL art. 29).
   */
  consents: z.array(ZConsentChangeRequest).max(20).optional(),
});
export type TCreateCustomerRequest = z.input<typeof ZCreateCustomerRequest>;

/** Change a customer: only the fields given change; `null` clears an optional field. */
export const ZUpdateCustomerRequest = z.object({
  name: z.string().min(1, 'name is required').max(100).optional(),
  gender: ZGender.nullable().optional(),
  birthDate: ZDate.nullable().optional(),
  idNumber: ZOptionalText(30),
  occupation: ZOptionalText(100),
  incomeBand: ZIncomeBand.nullable().optional(),
  unifiedSocialCreditCode: ZOptionalText(30),
  industry: ZOptionalText(100),
  lifecycleStage: ZLifecycleStage.optional(),
  tier: ZTier.optional(),
  ownerAgentId: ZId.nullable().optional(),
  orgUnitId: ZId.optional(),
  externalId: ZOptionalText(100),
  healthNotes: ZOptionalText(2000),
  bankAccount: ZOptionalText(40),
  /** Attribute values to set (merged; `null` removes a value). */
  attributes: ZCustomerAttributeValues.optional(),
  version: ZVersion,
});
export type TUpdateCustomerRequest = z.infer<typeof ZUpdateCustomerRequest>;

/** A customer in lists and search results (masked). */
export const ZCustomerSummary = z
  .object({
    id: ZId,
    kind: ZCustomerKind,
    name: z.string(),
    gender: ZGender.nullable(),
    birthDate: ZDate.nullable(),
    /** Masked: `330106********1234`. */
    idNumber: z.string().nullable(),
    /** The preferred (else first) mobile, masked: `138****5678`. */
    mobile: z.string().nullable(),
    lifecycleStage: ZLifecycleStage,
    tier: ZTier,
    ownerAgentId: ZId.nullable(),
    ownerAgentName: z.string().nullable(),
    orgUnitId: ZId,
    orgUnitName: z.string(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    version: ZVersion,
  })
  .meta({ id: 'CustomerSummary' });
export type TCustomerSummary = z.infer<typeof ZCustomerSummary>;

/** A customer's profile (masked: sensitive fields never appear in clear here). */
export const ZCustomer = ZCustomerSummary.extend({
  namePinyin: z.string(),
  nameInitials: z.string(),
  occupation: z.string().nullable(),
  incomeBand: ZIncomeBand.nullable(),
  unifiedSocialCreditCode: z.string().nullable(),
  industry: z.string().nullable(),
  externalId: z.string().nullable(),
  /** Masked (`******`) when present, null when absent. */
  healthNotes: z.string().nullable(),
  /** Masked to the last 4 digits when present. */
  bankAccount: z.string().nullable(),
  attributes: ZCustomerAttributeValues,
}).meta({ id: 'Customer' });
export type TCustomer = z.infer<typeof ZCustomer>;

/**
 * Customer list and search. `q` matches the name (contains), full pinyin and initials (prefix:
 * `zhangsan`, `zs`), a mobile number (exact), an ID number (exact), a policy number or an external
 * id (exact). `attr.<key>=<value>` filters by a filterable custom attribute (exact match; several
 * are ANDed). Unknown query keys are ignored.
 */
export const ZCustomerListQuery = ZCursorQuery.extend({
  q: z.string().trim().max(100).optional(),
  stage: ZLifecycleStage.optional(),
  tier: ZTier.optional(),
  kind: ZCustomerKind.optional(),
  /** The unit and its subtree. */
  orgUnitId: ZId.optional(),
  ownerAgentId: ZId.optional(),
  sort: ZCustomerSort.default('-createdAt'),
}).catchall(z.string().max(200));
export type TCustomerListQuery = z.infer<typeof ZCustomerListQuery>;
/** The list filters without paging (exports reuse them). */
export const ZCustomerFilterQuery = ZCustomerListQuery.omit({ cursor: true, limit: true });
export type TCustomerFilterQuery = z.infer<typeof ZCustomerFilterQuery>;

export const ZCustomerList = ZCursorPage(ZCustomerSummary);
export type TCustomerList = z.infer<typeof ZCustomerList>;

// ─── Unmask ───────────────────────────────────────────────────────────────────────────────────

/** Reveal sensitive fields: needs `customer:unmask` and a purpose (audited as `customer.unmasked`). */
export const ZUnmaskCustomerRequest = z.object({
  fields: z.array(ZUnmaskableCustomerField).min(1, 'name at least one field'),
  /** Why the data is needed (e.g. "policy service: beneficiary change"); required. */
  purpose: z.string().max(200).optional(),
});
export type TUnmaskCustomerRequest = z.infer<typeof ZUnmaskCustomerRequest>;

/** The requested fields in clear (fields not requested are absent). */
export const ZUnmaskedCustomer = z.object({
  customerId: ZId,
  idNumber: z.string().nullable().optional(),
  healthNotes: z.string().nullable().optional(),
  bankAccount: z.string().nullable().optional(),
  contacts: z.array(z.object({ id: ZId, channel: ZContactChannel, value: z.string() })).optional(),
});
export type TUnmaskedCustomer = z.infer<typeof ZUnmaskedCustomer>;

// ─── Relationships and household ──────────────────────────────────────────────────────────────

export const ZAddRelationshipRequest = z.object({
  relatedCustomerId: ZId,
  /** What the related customer is to this customer. */
  type: ZRelationshipType,
});
export type TAddRelationshipRequest = z.infer<typeof ZAddRelationshipRequest>;

/** One direction of a relationship, seen from `customerId`. */
export const ZRelationship = z
  .object({
    id: ZId,
    customerId: ZId,
    relatedCustomerId: ZId,
    relatedCustomerName: z.string(),
    type: ZRelationshipType,
    createdAt: ZInstant,
  })
  .meta({ id: 'CustomerRelationship' });
export type TRelationship = z.infer<typeof ZRelationship>;
export const ZRelationshipList = z.object({ items: z.array(ZRelationship) });
export type TRelationshipList = z.infer<typeof ZRelationshipList>;

/** A household member: a customer directly related as spouse, child or parent. */
export const ZHouseholdMember = z.object({
  customer: ZCustomerSummary,
  /** What the member is to the household's customer. */
  relationType: ZRelationshipType,
});
export type THouseholdMember = z.infer<typeof ZHouseholdMember>;

export const ZHousehold = z
  .object({ customer: ZCustomerSummary, members: z.array(ZHouseholdMember) })
  .meta({ id: 'CustomerHousehold' });
export type THousehold = z.infer<typeof ZHousehold>;

// ─── Custom attributes ────────────────────────────────────────────────────────────────────────

export const ZAttributeOption = z.object({
  value: z.string().trim().min(1).max(60),
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(60),
});
export type TAttributeOption = z.infer<typeof ZAttributeOption>;

const ZAttributeKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'key must be 2–40 lower-case letters, digits or "_", starting with a letter');

/** Define a custom customer attribute (administrators). `options` is required for `enum`. */
export const ZCreateAttributeDefinitionRequest = z.object({
  key: ZAttributeKey,
  labelZh: z.string().trim().min(1, 'labelZh is required').max(60),
  labelEn: z.string().trim().min(1, 'labelEn is required').max(60),
  type: ZAttributeType,
  options: z.array(ZAttributeOption).max(100).optional(),
  required: z.boolean().default(false),
  filterable: z.boolean().default(false),
});
export type TCreateAttributeDefinitionRequest = z.input<typeof ZCreateAttributeDefinitionRequest>;

/** Change labels, options, required/filterable flags; key and type are fixed once defined. */
export const ZUpdateAttributeDefinitionRequest = z.object({
  labelZh: z.string().trim().min(1).max(60).optional(),
  labelEn: z.string().trim().min(1).max(60).optional(),
  options: z.array(ZAttributeOption).max(100).optional(),
  required: z.boolean().optional(),
  filterable: z.boolean().optional(),
  version: ZVersion,
});
export type TUpdateAttributeDefinitionRequest = z.infer<typeof ZUpdateAttributeDefinitionRequest>;

export const ZAttributeDefinition = z
  .object({
    id: ZId,
    key: z.string(),
    labelZh: z.string(),
    labelEn: z.string(),
    type: ZAttributeType,
    options: z.array(ZAttributeOption),
    required: z.boolean(),
    filterable: z.boolean(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    version: ZVersion,
  })
  .meta({ id: 'CustomerAttributeDefinition' });
export type TAttributeDefinition = z.infer<typeof ZAttributeDefinition>;
export const ZAttributeDefinitionList = z.object({ items: z.array(ZAttributeDefinition) });
export type TAttributeDefinitionList = z.infer<typeof ZAttributeDefinitionList>;

// ─── Consent ──────────────────────────────────────────────────────────────────────────────────

// ZConsentEvidence and ZConsentChangeRequest are defined above ZCreateCustomerRequest (which uses them).

/** Current consent state for one purpose × channel. */
export const ZConsent = z
  .object({
    purpose: ZConsentPurpose,
    channel: ZConsentChannel,
    /** True for purposes that need separate consent (sensitive personal information). */
    separate: z.boolean(),
    granted: z.boolean(),
    grantedAt: ZInstant.nullable(),
    withdrawnAt: ZInstant.nullable(),
    evidence: ZConsentEvidence,
    updatedAt: ZInstant,
  })
  .meta({ id: 'Consent' });
export type TConsent = z.infer<typeof ZConsent>;
export const ZConsentList = z.object({ items: z.array(ZConsent) });
export type TConsentList = z.infer<typeof ZConsentList>;

/** One grant or withdrawal in the full consent history. */
export const ZConsentEvent = z
  .object({
    id: ZId,
    customerId: ZId,
    purpose: ZConsentPurpose,
    channel: ZConsentChannel,
    action: z.enum(['granted', 'withdrawn']),
    separate: z.boolean(),
    evidence: ZConsentEvidence,
    staffId: z.string().nullable(),
    staffName: z.string().nullable(),
    at: ZInstant,
  })
  .meta({ id: 'ConsentEvent' });
export type TConsentEvent = z.infer<typeof ZConsentEvent>;
export const ZConsentHistory = ZCursorPage(ZConsentEvent);
export type TConsentHistory = z.infer<typeof ZConsentHistory>;

// ─── Interactions ─────────────────────────────────────────────────────────────────────────────

export const ZCreateInteractionRequest = z.object({
  channel: ZInteractionChannel,
  direction: ZInteractionDirection,
  /** When it happened (default: now). */
  occurredAt: ZInstant.optional(),
  summary: z.string().min(1, 'summary is required').max(2000),
  policyId: ZId.nullable().optional(),
  claimId: ZId.nullable().optional(),
  complaintId: ZId.nullable().optional(),
});
export type TCreateInteractionRequest = z.infer<typeof ZCreateInteractionRequest>;

export const ZInteraction = z
  .object({
    id: ZId,
    customerId: ZId,
    channel: ZInteractionChannel,
    direction: ZInteractionDirection,
    staffId: z.string().nullable(),
    staffName: z.string().nullable(),
    occurredAt: ZInstant,
    summary: z.string(),
    policyId: ZId.nullable(),
    claimId: ZId.nullable(),
    complaintId: ZId.nullable(),
    createdAt: ZInstant,
  })
  .meta({ id: 'Interaction' });
export type TInteraction = z.infer<typeof ZInteraction>;
export const ZInteractionList = ZCursorPage(ZInteraction);
export type TInteractionList = z.infer<typeof ZInteractionList>;
export const ZInteractionListQuery = ZCursorQuery.extend({ channel: ZInteractionChannel.optional() });
export type TInteractionListQuery = z.infer<typeof ZInteractionListQuery>;

// ─── 360 view ─────────────────────────────────────────────────────────────────────────────────

/** A three-dimensional tag (C5) with the reason it applies; filled by segmentation later. */
export const ZCustomerTag = z.object({
  dimension: z.enum(TAG_DIMENSIONS),
  name: z.string(),
  reason: z.string(),
  /** Why it applies as facts (field, operator, threshold, the customer's value) for tags set by tag rules; empty for rule-set tags such as churn watch. */
  facts: z.array(z.object({ field: z.string(), op: z.string(), threshold: z.unknown(), value: z.unknown() })),
  /** What set it: `tag_rule` or `rule:<automation rule>`. */
  source: z.string(),
});
export type TCustomerTag = z.infer<typeof ZCustomerTag>;

/** Value figures of the 360 view; money in fen; null where unknown. */
export const ZCustomerValue = z.object({
  /** First policy's effective date, else the customer's creation date. */
  tenureSince: ZDate,
  tenureYears: z.number().int(),
  tenureMonths: z.number().int(),
  policiesInForce: z.number().int().nullable(),
  annualPremiumFen: z.number().int().nullable(),
  lifetimePremiumFen: z.number().int().nullable(),
  claimsPaidFen: z.number().int().nullable(),
  /** Claims paid ÷ earned premium (e.g. 0.42), null when earned premium is unknown or zero. */
  lossRatio: z.number().nullable(),
});
export type TCustomerValue = z.infer<typeof ZCustomerValue>;

/** A custom attribute with its definition and this customer's value (null when unset). */
export const ZCustomerAttributeEntry = z.object({
  definition: ZAttributeDefinition,
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
});

/**
 * Sections other modules contribute (policies now; claims, complaints, visits and surveys later),
 * each typed by its module's contract.
 */
export const ZCustomer360Sections = z
  .object({ policies: ZCustomer360PoliciesSection.optional(), claims: ZCustomer360ClaimsSection.optional(), complaints: ZCustomer360ComplaintsSection.optional() })
  .catchall(z.unknown());

/** The customer 360° view: everything about one customer on one screen (opening it is audited). */
export const ZCustomer360 = z
  .object({
    customer: ZCustomer,
    contacts: z.array(ZContact),
    household: z.array(ZHouseholdMember),
    relationships: z.array(ZRelationship),
    consents: z.array(ZConsent),
    interactions: ZInteractionList,
    tags: z.array(ZCustomerTag),
    attributes: z.array(ZCustomerAttributeEntry),
    value: ZCustomerValue,
    sections: ZCustomer360Sections,
  })
  .meta({ id: 'Customer360' });
export type TCustomer360 = z.infer<typeof ZCustomer360>;
