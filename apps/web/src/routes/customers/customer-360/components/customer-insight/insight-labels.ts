import { LIFECYCLE_SEGMENTS, PRODUCT_LINES, QUADRANTS, RFM_SEGMENTS, TIERS, type TCustomerTag } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import { useCustomerAttributes } from '../../../../../api/customer-attributes.ts';
import { useFormat } from '../../../../../format.ts';
import { useLabels } from '../../../../../i18n/labels.ts';

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
const CONTACT_TRENDS = ['none', 'rising', 'steady', 'falling'] as const;
/** Comparison operators read the same in every language. */
const OP_SYMBOLS: Record<string, string> = { '=': '=', '!=': '≠', '>': '>', '>=': '≥', '<': '<', '<=': '≤' };
const OP_WORDS = ['between', 'in', 'has', 'has_not'] as const;

export type TTagFact = TCustomerTag['facts'][number];

/**
 * Readable names and values of the segmentation fields (metrics such as `claims_12m`, `line.<line>`,
 * `attr.<key>`, segments) as they appear in tag facts and model features. Unknown fields show as
 * they are, so a field added on the server is never hidden.
 */
export function useInsightLabels() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const fields = t('segmentation.fields', { returnObjects: true }) as unknown as Record<string, string | undefined>;
  const attributes = useCustomerAttributes().data ?? [];
  const english = i18n.language === 'en-US';
  const attributeOf = (field: string) => (field.startsWith('attr.') ? attributes.find((a) => a.key === field.slice('attr.'.length)) : undefined);

  /**
   * A field's name. Model features add two forms: `missing:<field>` (the field has no value) and
   * `<field>=<value>` (a category or a yes/no attribute), e.g. `contact_trend=rising` → 联系频率趋势 = 上升.
   */
  const fieldLabel = (field: string): string => {
    const known = fields[field];
    if (known) return known;
    if (field.startsWith('missing:')) return t('segmentation.missingField', { field: fieldLabel(field.slice('missing:'.length)) });
    const eq = field.indexOf('=');
    if (eq > 0) {
      const [name, raw] = [field.slice(0, eq), field.slice(eq + 1)];
      return `${fieldLabel(name)} = ${fieldValue(name, raw === 'true' ? true : raw === 'false' ? false : raw)}`;
    }
    const [prefix, rest] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
    if (prefix === 'line' && isOneOf(PRODUCT_LINES, rest)) return t('segmentation.lineField', { line: labels.productLine(rest) });
    const attribute = attributeOf(field);
    if (attribute) return english ? attribute.labelEn : attribute.labelZh;
    if (prefix === 'attr' || prefix === 'tag') return rest;
    return field;
  };

  const scalar = (field: string, value: unknown): string => {
    if (value === null || value === undefined) return t('common.none');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'number') {
      if (field.endsWith('_fen')) return format.fen(Math.round(value));
      if (field.endsWith('_pct')) return `${format.number(Math.round(value * 100) / 100)}%`;
      return format.number(Math.round(value * 100) / 100);
    }
    if (field === 'rfm_segment' && isOneOf(RFM_SEGMENTS, value)) return t(`segmentation.rfm.${value}`);
    if (field === 'lifecycle_segment' && isOneOf(LIFECYCLE_SEGMENTS, value)) return t(`segmentation.lifecycle.${value}`);
    if (field === 'quadrant' && isOneOf(QUADRANTS, value)) return t(`segmentation.quadrant.${value}`);
    if (field === 'contact_trend' && isOneOf(CONTACT_TRENDS, value)) return t(`segmentation.contactTrend.${value}`);
    if (field === 'tier' && isOneOf(TIERS, value)) return labels.tier(value);
    const option = attributeOf(field)?.options.find((o) => o.value === value);
    if (option) return english ? option.labelEn : option.labelZh;
    return String(value);
  };

  /** A field's value: money in yuan, percentages with %, enumerations by name, lists joined. */
  const fieldValue = (field: string, value: unknown): string => (Array.isArray(value) ? value.map((v) => scalar(field, v)).join(', ') : scalar(field, value));

  /** The condition a fact was tested against, e.g. `≥ 3`, `between 25 – 55`. */
  const condition = (fact: Pick<TTagFact, 'field' | 'op' | 'threshold'>): string => {
    const symbol = OP_SYMBOLS[fact.op];
    if (symbol) return `${symbol} ${fieldValue(fact.field, fact.threshold)}`;
    if (fact.op === 'between' && Array.isArray(fact.threshold) && fact.threshold.length === 2) {
      return `${t('segmentation.ops.between')} ${scalar(fact.field, fact.threshold[0])} – ${scalar(fact.field, fact.threshold[1])}`;
    }
    const word = isOneOf(OP_WORDS, fact.op) ? t(`segmentation.ops.${fact.op}`) : fact.op;
    return `${word} ${fieldValue(fact.field, fact.threshold)}`;
  };

  /** Why a tag applies, one line per fact: "claims in 12 months is 4 (rule: ≥ 3)". */
  const factLine = (fact: TTagFact): string =>
    t('customerInsight.factLine', { field: fieldLabel(fact.field), value: fieldValue(fact.field, fact.value), condition: condition(fact) });

  return { fieldLabel, fieldValue, condition, factLine };
}
