import {
  LIFECYCLE_SEGMENTS,
  QUADRANTS,
  RFM_SEGMENTS,
  type TAttributeDefinition,
  type TCondition,
  type TGender,
  type TProductLine,
  type TSegmentationField,
  type TTagDefinition,
  type TTier,
} from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import { useCustomerAttributes } from '../../../api/customer-attributes.ts';
import { useTagDefinitions } from '../../../api/segmentation.ts';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';

export type TConditionOp = TCondition['op'];
export type TRfmSegment = (typeof RFM_SEGMENTS)[number];
export type TLifecycleSegment = (typeof LIFECYCLE_SEGMENTS)[number];
export type TQuadrant = (typeof QUADRANTS)[number];
export type TTagDimension = TTagDefinition['dimension'];

/** Operators as i18n keys (`>=` cannot be a readable key). */
const OP_KEYS = { '=': 'eq', '!=': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', between: 'between', in: 'in', has: 'has', has_not: 'has_not' } as const satisfies Record<TConditionOp, string>;

const METRIC_FIELDS = [
  'age',
  'tenure_years',
  'policies_total',
  'policies_in_force',
  'annual_premium_fen',
  'lifetime_premium_fen',
  'earned_premium_3y_fen',
  'claims_count',
  'claims_12m',
  'claims_paid_fen',
  'claims_paid_3y_fen',
  'loss_ratio_3y_pct',
  'claim_free_years',
  'days_since_contact',
  'contacts_12m',
  'contacts_90d',
  'contacts_prev_90d',
  'contact_trend',
  'renewals',
  'lapses',
  'lapses_12m',
  'complaints_count',
  'complaints_12m',
  'latest_csat',
  'latest_nps',
  'referral_count',
  'household_size',
  'children',
  'rfm_r',
  'rfm_f',
  'rfm_m',
  'rfm_segment',
  'lifecycle_segment',
  'quadrant',
  'cluster_no',
  'tier',
  'gender',
  'kind',
  'lifecycle_stage',
  'tag',
] as const;
type KnownField = (typeof METRIC_FIELDS)[number];
const isKnownField = (field: string): field is KnownField => (METRIC_FIELDS as readonly string[]).includes(field);

// Traits the clustering names clusters by (apps/server/src/modules/segmentation/cluster-names.ts).
const TRAITS = [
  'young',
  'silver_age',
  'middle_aged',
  'family',
  'single',
  'motorist',
  'medical_need',
  'retirement_need',
  'protection_gap',
  'critical_illness_need',
  'frequent_claims',
  'high_value',
  'low_premium',
  'well_covered',
  'loyal',
  'new_customers',
  'engaged',
] as const;
const LINE_FEATURES = ['life', 'critical_illness', 'medical', 'accident', 'annuity'] as const;
type KnownTrait = (typeof TRAITS)[number];

const includes = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/**
 * Names of everything segmentation shows: RFM and lifecycle segments, quadrants, tag dimensions, tags
 * (from their definitions), condition fields (attributes by their own labels) and their values.
 * Unknown codes (added on the server later) show as they are.
 */
export function useSegmentationLabels() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const me = useCurrentUser();
  const english = i18n.language.startsWith('en');
  const tags = useTagDefinitions();
  const attributes = useCustomerAttributes({ enabled: can(me, 'customer:read') });

  const tagByCode = new Map((tags.data ?? []).map((d) => [d.code, d]));
  const attributeByKey = new Map((attributes.data ?? []).map((d: TAttributeDefinition) => [d.key, d]));

  const rfm = (segment: string) => (includes(RFM_SEGMENTS, segment) ? t(`segmentation.rfm.${segment}`) : segment);
  const lifecycle = (segment: string) => (includes(LIFECYCLE_SEGMENTS, segment) ? t(`segmentation.lifecycle.${segment}`) : segment);
  const quadrant = (q: string) => (includes(QUADRANTS, q) ? t(`segmentation.quadrant.${q}`) : q);
  const tag = (code: string) => {
    const definition = tagByCode.get(code);
    // Built-in tags with no rule behind them (churn watch, good and bad customer lists) by their names on the 360 view.
    return definition ? (english ? definition.nameEn : definition.nameZh) : t(`customer360.tagNames.${code as 'churn_watch'}`, { defaultValue: code });
  };
  const tier = (value: string) => (includes(['platinum', 'gold', 'silver', 'standard'] as const, value) ? labels.tier(value as TTier) : value);
  const productLine = (line: string) =>
    includes(['life', 'critical_illness', 'medical', 'accident', 'annuity', 'motor_compulsory', 'motor_commercial', 'property', 'liability'] as const, line)
      ? labels.productLine(line as TProductLine)
      : line;
  const gender = (value: string) => (value === 'male' || value === 'female' ? labels.gender(value as TGender) : value === 'unknown' ? t('segmentation.profile.unknown') : value);

  /** A field's name: attributes by their labels from the API, lines by the product line, metrics from i18n. */
  const field = (name: string, definition?: Pick<TSegmentationField, 'labelZh' | 'labelEn'>) => {
    if (definition?.labelZh || definition?.labelEn) return (english ? definition.labelEn : definition.labelZh) ?? name;
    if (name.startsWith('line.')) return t('segmentation.lineField', { line: productLine(name.slice(5)) });
    if (name.startsWith('attr.')) {
      const attribute = attributeByKey.get(name.slice(5));
      return attribute ? (english ? attribute.labelEn : attribute.labelZh) : name.slice(5);
    }
    return isKnownField(name) ? t(`segmentation.fields.${name}`) : name;
  };

  /** An enum or tag value of a field in words. */
  const value = (fieldName: string, raw: string | number | boolean): string => {
    if (typeof raw === 'boolean') return raw ? t('common.yes') : t('common.no');
    const text = String(raw);
    switch (fieldName) {
      case 'tier':
        return tier(text);
      case 'gender':
        return gender(text);
      case 'kind':
        return text === 'person' || text === 'organisation' ? labels.customerKind(text) : text;
      case 'lifecycle_stage':
        return includes(['prospect', 'active', 'lapsed', 'former'] as const, text) ? labels.stage(text) : text;
      case 'rfm_segment':
        return rfm(text);
      case 'lifecycle_segment':
        return lifecycle(text);
      case 'quadrant':
        return quadrant(text);
      case 'contact_trend':
        return includes(['none', 'rising', 'steady', 'falling'] as const, text) ? t(`segmentation.contactTrend.${text}`) : text;
      case 'tag':
        return tag(text);
    }
    if (fieldName.startsWith('attr.')) {
      const attribute = attributeByKey.get(fieldName.slice(5));
      const option = attribute?.options.find((o) => o.value === text);
      if (option) return english ? option.labelEn : option.labelZh;
    }
    return text;
  };

  /** A clustering feature: `has_<line>` is the share of members holding the line, the rest are fields. */
  const feature = (name: string) => {
    if (name === 'has_motor' || name === 'has_property') return t(`segmentation.features.${name}`);
    if (name.startsWith('has_') && includes(LINE_FEATURES, name.slice(4))) return t('segmentation.hasLine', { line: productLine(name.slice(4)) });
    return field(name);
  };

  return {
    rfm,
    feature,
    lifecycle,
    quadrant,
    quadrantStrategy: (q: string) => (includes(QUADRANTS, q) ? t(`segmentation.quadrantStrategy.${q}`) : ''),
    lifecycleStrategy: (segment: string) => (includes(LIFECYCLE_SEGMENTS, segment) ? t(`segmentation.lifecycleStrategy.${segment}`) : ''),
    dimension: (d: TTagDimension) => t(`segmentation.dimension.${d}`),
    tag,
    tier,
    productLine,
    gender,
    field,
    value,
    op: (op: TConditionOp) => t(`segmentation.ops.${OP_KEYS[op]}`),
    trait: (trait: string) => (includes<KnownTrait>(TRAITS, trait) ? t(`segmentation.traits.${trait}`) : trait),
    fieldGroup: (group: TSegmentationField['group']) => t(`segmentation.fieldGroups.${group}`),
    isMoneyField: (name: string) => name.endsWith('_fen'),
    tagDefinitions: tags.data,
  };
}

export type SegmentationLabels = ReturnType<typeof useSegmentationLabels>;
export type ConditionValue = TCondition['value'];
