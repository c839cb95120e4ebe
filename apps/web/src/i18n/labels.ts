import type {
  TApiKeyScope,
  TAttributeType,
  TAuditAction,
  TClaimChannel,
  TClaimClock,
  TClaimClockKind,
  TClaimIncident,
  TClaimStatus,
  TConsentChannel,
  TConsentPurpose,
  TContactChannel,
  TCustomerKind,
  TGender,
  TIncomeBand,
  TInteractionChannel,
  TInteractionDirection,
  TLifecycleStage,
  TEndorsementType,
  TOrgLevel,
  TPaymentFrequency,
  TPaymentMethod,
  TPolicyPartyRole,
  TPolicyStatus,
  TProductLine,
  TRelationshipType,
  TRole,
  TTier,
} from '@anxin/contracts';
import { POLICY_STATUSES } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { fieldProblemParams, type FieldProblemLike } from './field-problem.ts';

const isPolicyStatus = (value: string): value is (typeof POLICY_STATUSES)[number] => (POLICY_STATUSES as readonly string[]).includes(value);

const KNOWN_ENTITY_TYPES = [
  'job',
  'staff',
  'org_unit',
  'api_key',
  'audit_event',
  'customer',
  'customer_attribute_definition',
  'interaction',
  'product',
  'policy',
  'import_job',
  'claim',
  'claim_setting',
  'outbox',
  'complaint',
  'corrective_action',
  'task',
  'follow_up_visit',
  'survey',
  'survey_template',
  'automation_rule',
  'message',
  'referral',
  'customer_metric',
  'segment',
  'tag_definition',
  'tier_rule',
  'segmentation_setting',
  'cluster_run',
  'model',
  'risk_alert',
  'blacklist_entry',
] as const;
type KnownEntityType = (typeof KNOWN_ENTITY_TYPES)[number];
const isKnownEntityType = (value: string): value is KnownEntityType => (KNOWN_ENTITY_TYPES as readonly string[]).includes(value);

/** Translated names of the API's enumerations (roles, levels, actions, …) and of errors. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  return {
    /** Who acted, as records store it: a person's name as it is; the system and the customer portal in words. */
    actorName: (name: string | null | undefined) => (name === 'system' ? t('common.actorSystem') : name === 'portal' ? t('common.actorPortal') : (name ?? t('common.none'))),
    role: (role: TRole) => t(`roles.${role}`),
    orgLevel: (level: TOrgLevel) => t(`orgLevels.${level}`),
    orgStatus: (status: 'active' | 'closed') => t(`orgStatus.${status}`),
    staffStatus: (status: 'active' | 'disabled') => t(`staffStatus.${status}`),
    apiKeyScope: (scope: TApiKeyScope) => t(`apiKeyScopes.${scope}`),
    auditAction: (action: TAuditAction) => t(`auditActions.${action}`),
    customerKind: (kind: TCustomerKind) => t(`customerEnums.kind.${kind}`),
    gender: (gender: TGender) => t(`customerEnums.gender.${gender}`),
    stage: (stage: TLifecycleStage) => t(`customerEnums.stage.${stage}`),
    tier: (tier: TTier) => t(`customerEnums.tier.${tier}`),
    incomeBand: (band: TIncomeBand) => t(`customerEnums.incomeBand.${band}`),
    contactChannel: (channel: TContactChannel) => t(`customerEnums.contactChannel.${channel}`),
    relationshipType: (type: TRelationshipType) => t(`customerEnums.relationshipType.${type}`),
    consentPurpose: (purpose: TConsentPurpose) => t(`customerEnums.consentPurpose.${purpose}`),
    consentChannel: (channel: TConsentChannel) => t(`customerEnums.consentChannel.${channel}`),
    evidenceKind: (kind: 'signed_form' | 'recorded_call' | 'electronic_click' | 'other') => t(`customerEnums.evidenceKind.${kind}`),
    interactionChannel: (channel: TInteractionChannel) => t(`customerEnums.interactionChannel.${channel}`),
    direction: (direction: TInteractionDirection) => t(`customerEnums.direction.${direction}`),
    attributeType: (type: TAttributeType) => t(`customerEnums.attributeType.${type}`),
    productLine: (line: TProductLine) => t(`productEnums.line.${line}`),
    policyStatus: (status: TPolicyStatus) => t(`policyEnums.status.${status}`),
    paymentFrequency: (frequency: TPaymentFrequency) => t(`policyEnums.frequency.${frequency}`),
    paymentMethod: (method: TPaymentMethod) => t(`policyEnums.paymentMethod.${method}`),
    partyRole: (role: TPolicyPartyRole) => t(`policyEnums.partyRole.${role}`),
    endorsementType: (type: TEndorsementType) => t(`policyEnums.endorsementType.${type}`),
    claimStatus: (status: TClaimStatus) => t(`claimEnums.status.${status}`),
    claimChannel: (channel: TClaimChannel) => t(`claimEnums.channel.${channel}`),
    claimClock: (kind: TClaimClockKind) => t(`claimEnums.clock.${kind}`),
    claimClockState: (state: TClaimClock['state']) => t(`claimEnums.clockState.${state}`),
    incidentKind: (kind: TClaimIncident['kind']) => t(`claimEnums.incidentKind.${kind}`),
    claimPaymentKind: (kind: 'advance' | 'partial' | 'final') => t(`claimEnums.paymentKind.${kind}`),
    denialNoticeVia: (via: 'letter' | 'sms' | 'email' | 'portal') => t(`claimEnums.sentVia.${via}`),
    /** Entity types are open-ended (later modules add theirs): unknown ones show as they are. */
    entityType: (type: string) => (isKnownEntityType(type) ? t(`entityTypes.${type}`) : type),
    knownEntityTypes: KNOWN_ENTITY_TYPES,
    /** What is wrong with one field, in the console's language (by the error's rule). */
    fieldProblem: (problem: FieldProblemLike): string =>
      // A row refused as a whole (out of scope, a mismatch) says so by its error code, not the server's English.
      problem.rule === 'invalid' && problem.code && problem.code !== 'VALIDATION_FAILED' && i18n.exists(`errors.${problem.code}`)
        ? t(`errors.${problem.code as 'INTERNAL'}`)
        : problem.rule
        ? t(`fieldRules.${problem.rule}`, {
            ...fieldProblemParams(
              problem,
              i18n.language,
              (type) => t(`fieldTypes.${type}`),
              (status) => (isPolicyStatus(status) ? t(`policyEnums.status.${status}`) : status),
            ),
            defaultValue: problem.message,
          })
        : problem.message,
    /** A one-line, translated statement of what went wrong. */
    problemTitle: (error: unknown) => {
      if (isApiError(error)) return t(`errors.${error.code}`);
      return error instanceof Error && error.message ? error.message : t('errors.INTERNAL');
    },
  };
}
