// The model expression language: the target and the population filter of a churn or cross-sell
// model, e.g. `lapsed_within(12)`, `holds('medical')`, `attr.vip and age >= 40`. Parsed here (pure)
// and compiled to a parameterised SQL boolean over `customer c LEFT JOIN customer_metric m ON
// m.customer_id = c.id`; user values always travel as bind parameters, identifiers only from the
// whitelists below.
//
// Grammar (keywords case-insensitive; positions in errors are 1-based character columns):
//   expression := or
//   or         := and ('or' and)*
//   and        := unary ('and' unary)*
//   unary      := 'not' unary | primary
//   primary    := '(' expression ')' | function '(' literal ')' | field op literal | field
//   op         := '=' | '!=' | '<>' | '>' | '>=' | '<' | '<='
//   literal    := number | 'text' ('' escapes a quote) | true | false
//   field      := a metric of customer_metric (age, tenure_years, policies_in_force, annual_premium_fen,
//                 claims_12m, loss_ratio_3y_bp or loss_ratio_3y_pct, … see METRIC_FIELDS), contact_trend, rfm_segment,
//                 lifecycle_segment, quadrant, the customer's gender, kind, tier, lifecycle_stage,
//                 line.<product line> (policies in force in that line), attr.<key> (a custom attribute,
//                 typed by its definition: number → numeric, boolean → boolean, enum/text/date → text)
//   function   := holds('<line>')          a policy in force in that line (policyholder)
//               | lapsed_within(months)    a policy lapsed or surrendered within the months
//               | claimed_within(months)   a claim reported within the months
//               | complained_within(months) a complaint received within the months
//               | renewed_within(months)   a renewal policy took effect within the months
//   A bare field must be a boolean attribute and means it is true.
// Logic is two-valued: a comparison with a missing value (no metric row, attribute not set) is false,
// so `not (age > 60)` also holds for customers without an age.
//
// Leakage rule: the compiler reports which model features the expression is built from
// (`touches`). Training drops them, so a model cannot learn its target from itself: a field drops its
// own feature and every feature computed from the same facts — a holding (`holds`, `line.<x>`) drops
// that line and the policy counts and premiums; a lapse (`lapsed_within`, lapses, lifecycle stage)
// drops lapses, policy counts, premiums and every line; claims drop the claim counts and loss ratio;
// complaints the complaint counts; renewals the renewal count and policy total; contacts every
// contact figure; `attr.<key>` the attribute (and its one-hot columns). The filter (`where`) does not
// drop features: a feature it makes constant is dropped because it has no spread.
import { CONTACT_TRENDS, CUSTOMER_KINDS, GENDERS, LIFECYCLE_SEGMENTS, LIFECYCLE_STAGES, PRODUCT_LINES, QUADRANTS, RFM_SEGMENTS, TIERS } from '@anxin/contracts';
import { sql, type RawBuilder } from 'kysely';
import { DomainError } from '../../platform/errors.ts';

export const MAX_EXPRESSION_LENGTH = 500;
const MAX_ATOMS = 40;
const MAX_MONTHS = 240;

export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=';
export type Literal = { type: 'number'; value: number } | { type: 'text'; value: string } | { type: 'boolean'; value: boolean };
export const MODEL_FUNCTIONS = ['holds', 'lapsed_within', 'claimed_within', 'complained_within', 'renewed_within'] as const;
export type ModelFunction = (typeof MODEL_FUNCTIONS)[number];

/** The parsed expression; `pos` is the 1-based column where the node starts. */
export type ExpressionNode =
  | { kind: 'and' | 'or'; left: ExpressionNode; right: ExpressionNode; pos: number }
  | { kind: 'not'; operand: ExpressionNode; pos: number }
  | { kind: 'compare'; field: string; op: CompareOp; value: Literal; pos: number; valuePos: number }
  | { kind: 'flag'; field: string; pos: number }
  | { kind: 'call'; fn: ModelFunction; arg: Literal; pos: number; argPos: number };

/** Numeric metrics of customer_metric an expression may compare. */
export const METRIC_FIELDS = [
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
  'loss_ratio_3y_bp',
  'contacts_12m',
  'contacts_90d',
  'contacts_prev_90d',
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
] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

/** Text fields with a closed list of values (a value outside it is an error, to catch typos). */
const TEXT_FIELDS: Record<string, { column: string; values: readonly string[] }> = {
  gender: { column: 'c.gender', values: GENDERS },
  kind: { column: 'c.kind', values: CUSTOMER_KINDS },
  tier: { column: 'c.tier', values: TIERS },
  lifecycle_stage: { column: 'c.lifecycle_stage', values: LIFECYCLE_STAGES },
  contact_trend: { column: 'm.contact_trend', values: CONTACT_TRENDS },
  rfm_segment: { column: 'm.rfm_segment', values: RFM_SEGMENTS },
  lifecycle_segment: { column: 'm.lifecycle_segment', values: LIFECYCLE_SEGMENTS },
  quadrant: { column: 'm.quadrant', values: QUADRANTS },
};

// ——— Leakage families: the model features computed from the same facts ———
const HOLDING_FIGURES = ['policies_in_force', 'policies_total', 'annual_premium_fen', 'lifetime_premium_fen', 'earned_premium_3y_fen'];
const ALL_LINES = 'line.*';
const LAPSE_FAMILY = ['lapses', 'lapses_12m', ...HOLDING_FIGURES, ALL_LINES];
const CLAIM_FAMILY = ['claims_count', 'claims_12m', 'claims_paid_fen', 'claims_paid_3y_fen', 'loss_ratio_3y_bp'];
const COMPLAINT_FAMILY = ['complaints_count', 'complaints_12m'];
const RENEWAL_FAMILY = ['renewals', 'policies_total'];
const CONTACT_FAMILY = ['contacts_12m', 'contacts_90d', 'contacts_prev_90d', 'contact_trend'];
const SATISFACTION_FAMILY = ['latest_csat', 'latest_nps'];
const HOUSEHOLD_FAMILY = ['household_size', 'children'];
const FIELD_FAMILY: Record<string, readonly string[]> = {
  ...Object.fromEntries(HOLDING_FIGURES.map((f) => [f, [...HOLDING_FIGURES, ALL_LINES]])),
  ...Object.fromEntries(['lapses', 'lapses_12m', 'lifecycle_stage', 'lifecycle_segment'].map((f) => [f, LAPSE_FAMILY])),
  ...Object.fromEntries(CLAIM_FAMILY.map((f) => [f, CLAIM_FAMILY])),
  ...Object.fromEntries(COMPLAINT_FAMILY.map((f) => [f, COMPLAINT_FAMILY])),
  ...Object.fromEntries(CONTACT_FAMILY.map((f) => [f, CONTACT_FAMILY])),
  ...Object.fromEntries(SATISFACTION_FAMILY.map((f) => [f, SATISFACTION_FAMILY])),
  ...Object.fromEntries(HOUSEHOLD_FAMILY.map((f) => [f, HOUSEHOLD_FAMILY])),
  renewals: RENEWAL_FAMILY,
  // Tier and RFM are computed from premium, holdings and recency; the quadrant from satisfaction, tenure and renewals.
  tier: [...HOLDING_FIGURES, ALL_LINES, 'tenure_years'],
  rfm_r: [...HOLDING_FIGURES, ALL_LINES],
  rfm_f: [...HOLDING_FIGURES, ALL_LINES],
  rfm_m: [...HOLDING_FIGURES, ALL_LINES],
  rfm_segment: [...HOLDING_FIGURES, ALL_LINES],
  quadrant: [...SATISFACTION_FAMILY, 'tenure_years', 'renewals'],
};
const FUNCTION_FAMILY: Record<Exclude<ModelFunction, 'holds'>, readonly string[]> = {
  lapsed_within: LAPSE_FAMILY,
  claimed_within: CLAIM_FAMILY,
  complained_within: COMPLAINT_FAMILY,
  renewed_within: RENEWAL_FAMILY,
};

/** Is this model feature built from what the expression touches (so training must drop it)? */
export function isTouched(featureSource: string, touches: readonly string[]): boolean {
  return touches.some((t) => t === featureSource || (t === ALL_LINES && featureSource.startsWith('line.')));
}

// ——— Errors ———

function invalid(field: string, pos: number, message: string, expected?: string): DomainError {
  const text = `at ${pos}: ${message}`;
  return new DomainError('MODEL_EXPRESSION_INVALID', `${field}: ${text}`, [{ field, message: text, rule: 'expression_invalid', params: { position: pos } }], { position: pos, ...(expected ? { expected } : {}) });
}

// ——— Tokens ———

type Token =
  | { t: 'ident'; text: string; pos: number }
  | { t: 'number'; value: number; text: string; pos: number }
  | { t: 'string'; value: string; text: string; pos: number }
  | { t: 'op'; text: CompareOp; pos: number }
  | { t: '(' | ')'; text: string; pos: number }
  | { t: 'end'; text: string; pos: number };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)?/;
const NUMBER = /^-?\d+(?:\.\d+)?/;

function tokenize(text: string, field: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const pos = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ t: ch, text: ch, pos });
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw invalid(field, pos, 'the text is not closed with a quote', "'");
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ t: 'string', value, text: text.slice(i, j + 1), pos });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const op = /^(?:!=|<>|>=|<=|=|>|<)/.exec(rest);
    if (op) {
      tokens.push({ t: 'op', text: (op[0] === '<>' ? '!=' : op[0]) as CompareOp, pos });
      i += op[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ t: 'number', value: Number(num[0]), text: num[0], pos });
      i += num[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ t: 'ident', text: ident[0], pos });
      i += ident[0].length;
      continue;
    }
    throw invalid(field, pos, `unexpected character "${ch}"`, 'a field, function, literal, operator or parenthesis');
  }
  tokens.push({ t: 'end', text: 'the end', pos: text.length + 1 });
  return tokens;
}

// ——— Parser ———

const keyword = (token: Token, word: string) => token.t === 'ident' && token.text.toLowerCase() === word;
const describe = (token: Token) => (token.t === 'end' ? 'the end of the expression' : `"${token.text}"`);

/**
 * Parses an expression into its tree (pure; no database). Throws MODEL_EXPRESSION_INVALID with the
 * position and what was expected; `field` names the input in the error (e.g. `body.target`).
 */
export function parseModelExpression(text: string, field = 'expression'): ExpressionNode {
  if (text.trim() === '') throw invalid(field, 1, 'the expression is empty', 'an expression');
  if (text.length > MAX_EXPRESSION_LENGTH) throw invalid(field, MAX_EXPRESSION_LENGTH + 1, `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const tokens = tokenize(text, field);
  let at = 0;
  let atoms = 0;
  const peek = () => tokens[at]!;
  const next = () => tokens[at++]!;

  const literal = (what: string): { value: Literal; pos: number } => {
    const token = next();
    if (token.t === 'number') return { value: { type: 'number', value: token.value }, pos: token.pos };
    if (token.t === 'string') return { value: { type: 'text', value: token.value }, pos: token.pos };
    if (keyword(token, 'true') || keyword(token, 'false')) return { value: { type: 'boolean', value: keyword(token, 'true') }, pos: token.pos };
    throw invalid(field, token.pos, `expected ${what}, found ${describe(token)}`, what);
  };

  const primary = (): ExpressionNode => {
    const token = next();
    if (token.t === '(') {
      const inner = or();
      const close = next();
      if (close.t !== ')') throw invalid(field, close.pos, `expected ")" to close the "(" at ${token.pos}, found ${describe(close)}`, ')');
      return inner;
    }
    if (token.t !== 'ident' || ['and', 'or', 'not', 'true', 'false'].includes(token.text.toLowerCase())) {
      throw invalid(field, token.pos, `expected a field, a function or "(", found ${describe(token)}`, 'a field, a function or (');
    }
    if (++atoms > MAX_ATOMS) throw invalid(field, token.pos, `the expression has more than ${MAX_ATOMS} conditions`);
    if (peek().t === '(') {
      const fn = token.text.toLowerCase();
      if (!(MODEL_FUNCTIONS as readonly string[]).includes(fn)) throw invalid(field, token.pos, `unknown function ${token.text}`, `one of ${MODEL_FUNCTIONS.join(', ')}`);
      next();
      const arg = literal(fn === 'holds' ? "a product line in quotes, e.g. 'medical'" : 'a number of months');
      const close = next();
      if (close.t !== ')') throw invalid(field, close.pos, `expected ")" after the argument of ${fn}, found ${describe(close)}`, ')');
      return { kind: 'call', fn: fn as ModelFunction, arg: arg.value, pos: token.pos, argPos: arg.pos };
    }
    const op = peek();
    if (op.t === 'op') {
      next();
      const value = literal('a number, a quoted text or true/false');
      return { kind: 'compare', field: token.text, op: op.text, value: value.value, pos: token.pos, valuePos: value.pos };
    }
    return { kind: 'flag', field: token.text, pos: token.pos };
  };

  const unary = (): ExpressionNode => {
    const token = peek();
    if (keyword(token, 'not')) {
      next();
      return { kind: 'not', operand: unary(), pos: token.pos };
    }
    return primary();
  };

  const and = (): ExpressionNode => {
    let left = unary();
    while (keyword(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: unary(), pos: left.pos };
    }
    return left;
  };

  function or(): ExpressionNode {
    let left = and();
    while (keyword(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: and(), pos: left.pos };
    }
    return left;
  }

  const tree = or();
  const rest = peek();
  if (rest.t !== 'end') {
    const expected = rest.t === 'op' ? 'a field before the operator' : '"and", "or" or the end';
    throw invalid(field, rest.pos, `expected "and", "or" or the end of the expression, found ${describe(rest)}`, expected);
  }
  return tree;
}

// ——— Compiler ———

/** A custom attribute definition as the compiler needs it. */
export interface AttributeDefinitionInfo {
  key: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'enum';
  options: readonly { value: string }[];
}

export interface CompileContext {
  attributes: readonly AttributeDefinitionInfo[];
  /** The reference time of `*_within(months)`. */
  now: Date;
  /** The input's name in errors, e.g. `body.target`. */
  field: string;
}

export interface CompiledExpression {
  /** A boolean SQL expression over `customer c LEFT JOIN customer_metric m`; never null. */
  sql: RawBuilder<boolean>;
  /** Feature sources the expression is built from (see isTouched); training drops them. */
  touches: string[];
}

const SQL_OP: Record<CompareOp, RawBuilder<unknown>> = { '=': sql.raw('='), '!=': sql.raw('<>'), '>': sql.raw('>'), '>=': sql.raw('>='), '<': sql.raw('<'), '<=': sql.raw('<=') };
const literalName = (value: Literal) => (value.type === 'text' ? 'a quoted text' : value.type === 'number' ? 'a number' : 'true/false');

/** Parses and compiles an expression to parameterised SQL, reporting the features it touches. */
export function compileModelExpression(text: string, context: CompileContext): CompiledExpression {
  const tree = parseModelExpression(text, context.field);
  const touches = new Set<string>();
  const attributes = new Map(context.attributes.map((a) => [a.key, a]));
  const fail = (pos: number, message: string, expected?: string) => invalid(context.field, pos, message, expected);
  const cutoff = (months: number) => sql`(${context.now.toISOString()}::timestamptz - make_interval(months => ${months}::int))`;

  const months = (node: { arg: Literal; argPos: number; fn: string }) => {
    if (node.arg.type !== 'number' || !Number.isInteger(node.arg.value) || node.arg.value < 1 || node.arg.value > MAX_MONTHS) {
      throw fail(node.argPos, `${node.fn} takes a whole number of months from 1 to ${MAX_MONTHS}`, 'a number of months');
    }
    return node.arg.value;
  };

  const numericComparison = (column: RawBuilder<unknown>, node: Extract<ExpressionNode, { kind: 'compare' }>) => {
    if (node.value.type !== 'number') throw fail(node.valuePos, `${node.field} is a number; expected a number, found ${literalName(node.value)}`, 'a number');
    return sql<boolean>`coalesce(${column} ${SQL_OP[node.op]} ${node.value.value}, false)`;
  };

  const compare = (node: Extract<ExpressionNode, { kind: 'compare' }>): RawBuilder<boolean> => {
    const name = node.field;
    if (name === 'loss_ratio_3y_pct') {
      // The percent form of the segment explorer and tag rules (loss_ratio_3y_bp ÷ 100).
      for (const t of CLAIM_FAMILY) touches.add(t);
      return numericComparison(sql`(m.loss_ratio_3y_bp / 100.0)`, node);
    }
    if ((METRIC_FIELDS as readonly string[]).includes(name)) {
      for (const t of FIELD_FAMILY[name] ?? [name]) touches.add(t);
      return numericComparison(sql.ref(`m.${name}`), node);
    }
    const textField = TEXT_FIELDS[name];
    if (textField) {
      for (const t of FIELD_FAMILY[name] ?? [name]) touches.add(t);
      if (node.value.type !== 'text') throw fail(node.valuePos, `${name} is a text; expected a quoted value, found ${literalName(node.value)}`, `one of ${textField.values.join(', ')}`);
      if (!textField.values.includes(node.value.value)) throw fail(node.valuePos, `${name} has no value '${node.value.value}'`, `one of ${textField.values.join(', ')}`);
      return sql<boolean>`coalesce(${sql.ref(textField.column)} ${SQL_OP[node.op]} ${node.value.value}, false)`;
    }
    if (name.startsWith('line.')) {
      const line = name.slice(5);
      if (!(PRODUCT_LINES as readonly string[]).includes(line)) throw fail(node.pos, `unknown product line ${line}`, `line.<one of ${PRODUCT_LINES.join(', ')}>`);
      touches.add(name);
      for (const t of HOLDING_FIGURES) touches.add(t);
      return numericComparison(sql`coalesce((m.in_force_by_line ->> ${line})::int, 0)`, node);
    }
    if (name.startsWith('attr.')) {
      const def = attribute(name, node.pos);
      if (def.type === 'number') return numericComparison(sql`(CASE WHEN jsonb_typeof(c.attributes -> ${def.key}) = 'number' THEN (c.attributes ->> ${def.key})::numeric END)`, node);
      if (def.type === 'boolean') {
        if (node.value.type !== 'boolean' || (node.op !== '=' && node.op !== '!=')) throw fail(node.valuePos, `${name} is true/false; compare it with = true or = false`, 'true or false');
        const isTrue = sql<boolean>`coalesce(c.attributes -> ${def.key} = 'true'::jsonb, false)`;
        return node.value.value === (node.op === '=') ? isTrue : sql<boolean>`NOT ${isTrue}`;
      }
      const value = node.value;
      if (value.type !== 'text') throw fail(node.valuePos, `${name} is a text; expected a quoted value, found ${literalName(value)}`, 'a quoted text');
      if (def.type === 'enum' && !def.options.some((o) => o.value === value.value)) {
        throw fail(node.valuePos, `${name} has no option '${value.value}'`, `one of ${def.options.map((o) => o.value).join(', ')}`);
      }
      return sql<boolean>`coalesce((c.attributes ->> ${def.key}) ${SQL_OP[node.op]} ${value.value}, false)`;
    }
    throw fail(node.pos, `unknown field ${name}`, 'a metric, line.<product line>, attr.<attribute>, gender, kind, tier or lifecycle_stage');
  };

  const attribute = (name: string, pos: number) => {
    const key = name.slice(5);
    const def = attributes.get(key);
    if (!def) throw fail(pos, `unknown attribute ${key}`, attributes.size > 0 ? `attr.<one of ${[...attributes.keys()].join(', ')}>` : 'a defined custom attribute');
    touches.add(`attr.${key}`);
    return def;
  };

  const call = (node: Extract<ExpressionNode, { kind: 'call' }>): RawBuilder<boolean> => {
    if (node.fn === 'holds') {
      if (node.arg.type !== 'text' || !(PRODUCT_LINES as readonly string[]).includes(node.arg.value)) {
        throw fail(node.argPos, `holds takes a product line in quotes`, `one of ${PRODUCT_LINES.map((l) => `'${l}'`).join(', ')}`);
      }
      touches.add(`line.${node.arg.value}`);
      for (const t of HOLDING_FIGURES) touches.add(t);
      return sql<boolean>`EXISTS (SELECT 1 FROM policy p JOIN product pr ON pr.id = p.product_id WHERE p.customer_id = c.id AND p.status = 'in_force' AND pr.line = ${node.arg.value})`;
    }
    const n = months(node);
    for (const t of FUNCTION_FAMILY[node.fn]) touches.add(t);
    switch (node.fn) {
      case 'lapsed_within':
        return sql<boolean>`EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id AND p.status IN ('lapsed', 'surrendered') AND p.status_changed_on >= ${cutoff(n)}::date)`;
      case 'claimed_within':
        return sql<boolean>`EXISTS (SELECT 1 FROM claim cl WHERE cl.customer_id = c.id AND cl.status <> 'withdrawn' AND cl.reported_at >= ${cutoff(n)})`;
      case 'complained_within':
        return sql<boolean>`EXISTS (SELECT 1 FROM complaint cp WHERE cp.customer_id = c.id AND cp.status <> 'withdrawn' AND cp.received_at >= ${cutoff(n)})`;
      case 'renewed_within':
        return sql<boolean>`EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id AND p.renewal_of_id IS NOT NULL AND p.effective_on >= ${cutoff(n)}::date)`;
    }
  };

  const compile = (node: ExpressionNode): RawBuilder<boolean> => {
    switch (node.kind) {
      case 'and':
        return sql<boolean>`(${compile(node.left)} AND ${compile(node.right)})`;
      case 'or':
        return sql<boolean>`(${compile(node.left)} OR ${compile(node.right)})`;
      case 'not':
        return sql<boolean>`(NOT ${compile(node.operand)})`;
      case 'compare':
        return compare(node);
      case 'call':
        return call(node);
      case 'flag': {
        if (!node.field.startsWith('attr.')) throw fail(node.pos, `${node.field} alone is not a condition; compare it (e.g. ${node.field} >= 1)`, 'an operator');
        const def = attribute(node.field, node.pos);
        if (def.type !== 'boolean') throw fail(node.pos, `attribute ${def.key} is not true/false; compare it (e.g. ${node.field} = …)`, 'an operator');
        return sql<boolean>`coalesce(c.attributes -> ${def.key} = 'true'::jsonb, false)`;
      }
    }
  };

  return { sql: compile(tree), touches: [...touches].sort() };
}
