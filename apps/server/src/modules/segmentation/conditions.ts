import { LIFECYCLE_SEGMENTS, PRODUCT_LINES, QUADRANTS, RFM_SEGMENTS, CONTACT_TRENDS, TIERS, type TCondition, type TSegmentationField } from '@anxin/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { fieldError, type FieldProblem, rule } from '../../platform/errors.ts';

/**
 * Conditions over customer metrics, segments, profile, product lines, custom attributes and tags —
 * the language of tag rules and of the segment explorer — compiled to parameterised SQL over
 * `customer_metric m JOIN customer c ON c.id = m.customer_id`. Values never enter the SQL text.
 */

type FieldType = TSegmentationField['type'];
interface FieldSpec {
  type: FieldType;
  group: TSegmentationField['group'];
  expr: RawBuilder<unknown>;
  values?: readonly string[];
}

const NUMBER_OPS = ['=', '!=', '>', '>=', '<', '<=', 'between', 'in'] as const;
const ENUM_OPS = ['=', '!=', 'in'] as const;
const OPS: Record<FieldType, readonly TCondition['op'][]> = {
  number: NUMBER_OPS,
  money: NUMBER_OPS,
  percent: NUMBER_OPS,
  enum: ENUM_OPS,
  text: ENUM_OPS,
  boolean: ['=', '!='],
  tag: ['has', 'has_not'],
};

const metric = (column: string, type: FieldType = 'number'): FieldSpec => ({ type, group: 'metric', expr: sql.ref(`m.${column}`) });

/** Whole years since the last claim (or, without claims, since the first policy). */
const CLAIM_FREE_YEARS = sql`CASE WHEN m.first_policy_on IS NULL THEN 0 ELSE date_part('year', age((now() AT TIME ZONE 'Asia/Shanghai')::date, COALESCE((m.last_claim_at AT TIME ZONE 'Asia/Shanghai')::date, m.first_policy_on)))::int END`;

const BUILT_IN: Record<string, FieldSpec> = {
  age: metric('age'),
  tenure_years: metric('tenure_years'),
  policies_total: metric('policies_total'),
  policies_in_force: metric('policies_in_force'),
  annual_premium_fen: metric('annual_premium_fen', 'money'),
  lifetime_premium_fen: metric('lifetime_premium_fen', 'money'),
  earned_premium_3y_fen: metric('earned_premium_3y_fen', 'money'),
  claims_count: metric('claims_count'),
  claims_12m: metric('claims_12m'),
  claims_paid_fen: metric('claims_paid_fen', 'money'),
  claims_paid_3y_fen: metric('claims_paid_3y_fen', 'money'),
  loss_ratio_3y_pct: { type: 'percent', group: 'metric', expr: sql`(m.loss_ratio_3y_bp / 100.0)` },
  claim_free_years: { type: 'number', group: 'metric', expr: CLAIM_FREE_YEARS },
  days_since_contact: { type: 'number', group: 'metric', expr: sql`((now() AT TIME ZONE 'Asia/Shanghai')::date - (m.last_contact_at AT TIME ZONE 'Asia/Shanghai')::date)` },
  contacts_12m: metric('contacts_12m'),
  contacts_90d: metric('contacts_90d'),
  renewals: metric('renewals'),
  lapses: metric('lapses'),
  lapses_12m: metric('lapses_12m'),
  complaints_count: metric('complaints_count'),
  complaints_12m: metric('complaints_12m'),
  latest_csat: metric('latest_csat'),
  latest_nps: metric('latest_nps'),
  referral_count: metric('referral_count'),
  household_size: metric('household_size'),
  children: metric('children'),
  rfm_r: { ...metric('rfm_r'), group: 'segment' },
  rfm_f: { ...metric('rfm_f'), group: 'segment' },
  rfm_m: { ...metric('rfm_m'), group: 'segment' },
  cluster_no: { ...metric('cluster_no'), group: 'segment' },
  contact_trend: { type: 'enum', group: 'metric', expr: sql.ref('m.contact_trend'), values: CONTACT_TRENDS },
  rfm_segment: { type: 'enum', group: 'segment', expr: sql.ref('m.rfm_segment'), values: RFM_SEGMENTS },
  lifecycle_segment: { type: 'enum', group: 'segment', expr: sql.ref('m.lifecycle_segment'), values: LIFECYCLE_SEGMENTS },
  quadrant: { type: 'enum', group: 'segment', expr: sql.ref('m.quadrant'), values: QUADRANTS },
  tier: { type: 'enum', group: 'profile', expr: sql.ref('c.tier'), values: TIERS },
  gender: { type: 'enum', group: 'profile', expr: sql.ref('c.gender'), values: ['male', 'female'] },
  kind: { type: 'enum', group: 'profile', expr: sql.ref('c.kind'), values: ['person', 'organisation'] },
  lifecycle_stage: { type: 'enum', group: 'profile', expr: sql.ref('c.lifecycle_stage'), values: ['prospect', 'active', 'lapsed', 'former'] },
  ...Object.fromEntries(PRODUCT_LINES.map((line) => [`line.${line}`, { type: 'number', group: 'line', expr: sql`COALESCE((m.in_force_by_line ->> ${line}::text)::int, 0)` } satisfies FieldSpec])),
};

/** The catalogue of fields: built-in ones plus the custom attributes defined now. */
export class FieldCatalogue {
  private constructor(
    private readonly fields: Map<string, FieldSpec>,
    private readonly attributeLabels: Map<string, { zh: string; en: string }>,
    private readonly tags: readonly string[],
  ) {}

  static async load(db: Executor): Promise<FieldCatalogue> {
    const [definitions, tags] = await Promise.all([
      db.selectFrom('customer_attribute_definition').select(['key', 'type', 'options', 'label_zh', 'label_en']).orderBy('key').execute(),
      db.selectFrom('tag_definition').select('code').orderBy('code').execute(),
    ]);
    const fields = new Map(Object.entries(BUILT_IN));
    const labels = new Map<string, { zh: string; en: string }>();
    for (const d of definitions) {
      const raw = sql`(c.attributes ->> ${d.key}::text)`;
      const spec: FieldSpec =
        d.type === 'number'
          ? { type: 'number', group: 'attribute', expr: sql`${raw}::numeric` }
          : d.type === 'boolean'
            ? { type: 'boolean', group: 'attribute', expr: sql`${raw}::boolean` }
            : d.type === 'enum'
              ? { type: 'enum', group: 'attribute', expr: raw, values: d.options.map((o) => o.value) }
              : { type: 'text', group: 'attribute', expr: raw };
      fields.set(`attr.${d.key}`, spec);
      labels.set(`attr.${d.key}`, { zh: d.label_zh, en: d.label_en });
    }
    fields.set('tag', { type: 'tag', group: 'tag', expr: sql`true` });
    return new FieldCatalogue(fields, labels, [...new Set([...tags.map((t) => t.code), 'churn_watch', 'good_customer', 'bad_customer'])].sort());
  }

  /** What GET /segmentation/fields lists. */
  list(): TSegmentationField[] {
    return [...this.fields.entries()].map(([field, spec]) => {
      const label = this.attributeLabels.get(field);
      return {
        field,
        type: spec.type,
        group: spec.group,
        ops: [...OPS[spec.type]],
        ...(spec.type === 'tag' ? { values: [...this.tags] } : spec.values ? { values: [...spec.values] } : {}),
        ...(label ? { labelZh: label.zh, labelEn: label.en } : {}),
      };
    });
  }

  /** The SQL expression of a field's value (for facts and profiles). */
  valueOf(field: string): RawBuilder<unknown> {
    return this.spec(field, 'field').expr;
  }

  private spec(field: string, at: string): FieldSpec {
    const spec = this.fields.get(field);
    if (!spec) throw fieldError(at, rule('unknown_condition_field', `unknown field ${field}`), 'SEGMENT_CONDITION_INVALID');
    return spec;
  }

  /**
   * Validates conditions (field known, operator allowed for its type, value of the right shape)
   * and throws SEGMENT_CONDITION_INVALID naming `${path}.${i}.…` on the first problem.
   */
  check(conditions: readonly TCondition[], path: string): void {
    conditions.forEach((c, i) => {
      const at = `${path}.${i}`;
      const spec = this.spec(c.field, `${at}.field`);
      if (!OPS[spec.type].includes(c.op)) throw fieldError(`${at}.op`, rule('operator_not_allowed', `${c.field} takes ${OPS[spec.type].join(' ')}`, { ops: OPS[spec.type].join(' ') }), 'SEGMENT_CONDITION_INVALID');
      const bad = (why: FieldProblem) => fieldError(`${at}.value`, why, 'SEGMENT_CONDITION_INVALID');
      const values = c.op === 'in' ? (Array.isArray(c.value) ? c.value : null) : c.op === 'between' ? (Array.isArray(c.value) && c.value.length === 2 ? c.value : null) : Array.isArray(c.value) ? null : [c.value];
      if (!values || values.length === 0) throw bad(c.op === 'between' ? rule('wrong_type', 'must be a pair [from, to]', { expected: 'pair' }) : c.op === 'in' ? rule('wrong_type', 'must be a non-empty list', { expected: 'list' }) : rule('wrong_type', 'must be a single value', { expected: 'single_value' }));
      if (spec.type === 'number' || spec.type === 'money' || spec.type === 'percent') {
        if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw bad(rule('wrong_type', 'must be a number', { expected: 'number' }));
        if (spec.type === 'money' && values.some((v) => !Number.isInteger(v))) throw bad(rule('not_whole', 'must be whole fen'));
        if (c.op === 'between' && (values[0] as number) > (values[1] as number)) throw bad(rule('range_reversed', 'from must not be above to'));
      } else if (spec.type === 'boolean') {
        if (typeof values[0] !== 'boolean') throw bad(rule('wrong_type', 'must be true or false', { expected: 'boolean' }));
      } else if (spec.type === 'tag') {
        if (typeof values[0] !== 'string' || !this.tags.includes(values[0])) throw bad(rule('not_found', `no tag ${String(values[0])}`));
      } else {
        if (values.some((v) => typeof v !== 'string')) throw bad(rule('wrong_type', 'must be text', { expected: 'string' }));
        if (spec.values && values.some((v) => !spec.values!.includes(v as string))) throw bad(rule('not_one_of', `must be one of ${spec.values.join(', ')}`, { values: spec.values.join(', ') }));
      }
    });
  }

  /** One condition as a SQL predicate (checked first). */
  predicate(c: TCondition): RawBuilder<boolean> {
    const spec = this.spec(c.field, 'field');
    if (spec.type === 'tag') {
      const exists = sql<boolean>`EXISTS (SELECT 1 FROM customer_tag t WHERE t.customer_id = m.customer_id AND t.tag = ${c.value}::text)`;
      return c.op === 'has' ? exists : sql<boolean>`NOT ${exists}`;
    }
    const e = spec.expr;
    const cast = (v: unknown) => (spec.type === 'boolean' ? sql`${v}::boolean` : spec.type === 'number' || spec.type === 'money' || spec.type === 'percent' ? sql`${v}::numeric` : sql`${v}::text`);
    const list = () => sql.join((c.value as unknown[]).map(cast));
    switch (c.op) {
      case '=':
        return sql<boolean>`COALESCE(${e} = ${cast(c.value)}, false)`;
      case '!=':
        return sql<boolean>`COALESCE(${e} <> ${cast(c.value)}, true)`;
      case '>':
        return sql<boolean>`COALESCE(${e} > ${cast(c.value)}, false)`;
      case '>=':
        return sql<boolean>`COALESCE(${e} >= ${cast(c.value)}, false)`;
      case '<':
        return sql<boolean>`COALESCE(${e} < ${cast(c.value)}, false)`;
      case '<=':
        return sql<boolean>`COALESCE(${e} <= ${cast(c.value)}, false)`;
      case 'between': {
        const [from, to] = c.value as number[];
        return sql<boolean>`COALESCE(${e} BETWEEN ${cast(from)} AND ${cast(to)}, false)`;
      }
      case 'in':
        return sql<boolean>`COALESCE(${e} IN (${list()}), false)`;
      default:
        throw fieldError('op', rule('operator_not_allowed', `unsupported operator ${c.op}`, { ops: '' }), 'SEGMENT_CONDITION_INVALID');
    }
  }

  /** All conditions together (an empty list matches everyone). */
  where(conditions: readonly TCondition[]): RawBuilder<boolean> {
    if (conditions.length === 0) return sql<boolean>`true`;
    return sql<boolean>`(${sql.join(conditions.map((c) => this.predicate(c)), sql` AND `)})`;
  }

  /** The facts that say why the conditions hold for a customer: a jsonb array built in SQL. */
  facts(conditions: readonly TCondition[]): RawBuilder<unknown> {
    const items = conditions.map((c) => {
      const spec = this.spec(c.field, 'field');
      const value = spec.type === 'tag' ? sql`to_jsonb(${c.op === 'has'})` : sql`to_jsonb(${spec.expr})`;
      return sql`jsonb_build_object('field', ${c.field}::text, 'op', ${c.op}::text, 'threshold', ${JSON.stringify(c.value)}::jsonb, 'value', ${value})`;
    });
    return sql`jsonb_build_array(${sql.join(items)})`;
  }
}

/** A readable English reason from facts, e.g. "claims_12m 4 >= 3; line.medical 0 = 0". */
export function reasonOf(conditions: readonly TCondition[]): string {
  return conditions.map((c) => `${c.field} ${c.op} ${JSON.stringify(c.value)}`).join('; ');
}
