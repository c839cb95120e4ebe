import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { compileModelExpression, isTouched, parseModelExpression, type AttributeDefinitionInfo } from './model-expression.ts';
import { candidateFeatures, evaluateScores, featureSource } from './model-training.ts';

// The expression language, pure: parsing, errors with positions, types, the features a target
// touches; and the evaluation figures. The compiled SQL runs on the real database in model.test.ts.
const attributes: AttributeDefinitionInfo[] = [
  { key: 'vip', type: 'boolean', options: [] },
  { key: 'income', type: 'number', options: [] },
  { key: 'channel', type: 'enum', options: [{ value: 'bank' }, { value: 'agent' }] },
  { key: 'note', type: 'text', options: [] },
];
const compile = (text: string) => compileModelExpression(text, { attributes, now: new Date('2026-11-01T00:00:00Z'), field: 'body.target' });
// Compiles to SQL text without a database, to see what is bound as a parameter.
const db = new Kysely<never>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});
const toSql = (text: string) => compile(text).sql.compile(db);

function expectInvalid(text: string, position: number, messagePart: string) {
  try {
    compile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe('MODEL_EXPRESSION_INVALID');
    expect(e.extra.position, e.message).toBe(position);
    expect(e.message).toContain(messagePart);
    expect(e.errors[0]?.field).toBe('body.target');
    return e;
  }
  throw new Error(`expected "${text}" to be invalid`);
}

describe('parsing', () => {
  it('binds not tighter than and, and tighter than or; parentheses override', () => {
    const tree = parseModelExpression("not holds('life') and age > 40 or attr.vip");
    expect(tree).toMatchObject({ kind: 'or', left: { kind: 'and', left: { kind: 'not', operand: { kind: 'call', fn: 'holds' } }, right: { kind: 'compare', field: 'age', op: '>', value: { value: 40 } } }, right: { kind: 'flag', field: 'attr.vip' } });
    const grouped = parseModelExpression("not (holds('life') or age > 40)");
    expect(grouped).toMatchObject({ kind: 'not', operand: { kind: 'or' } });
  });

  it('reads literals: negative and decimal numbers, quoted text with doubled quotes, true/false, <> as !=', () => {
    expect(parseModelExpression('age >= -1.5')).toMatchObject({ value: { type: 'number', value: -1.5 } });
    expect(parseModelExpression("attr.note = 'it''s'")).toMatchObject({ value: { type: 'text', value: "it's" } });
    expect(parseModelExpression('attr.vip = FALSE')).toMatchObject({ value: { type: 'boolean', value: false } });
    expect(parseModelExpression('age <> 3')).toMatchObject({ op: '!=' });
    expect(parseModelExpression('AGE > 1 AND NOT age < 0')).toMatchObject({ kind: 'and' });
  });

  it('says where and what it expected', () => {
    expectInvalid('', 1, 'empty');
    expectInvalid('age >', 6, 'expected a number, a quoted text or true/false');
    expectInvalid('age > 40 and', 13, 'expected a field, a function or "("');
    expectInvalid('(age > 40', 10, 'expected ")" to close the "(" at 1');
    expectInvalid('age > 40 age < 50', 10, 'expected "and", "or" or the end');
    expectInvalid("holds('life'", 13, 'expected ")" after the argument');
    expectInvalid("attr.note = 'open", 13, 'not closed');
    expectInvalid('age # 3', 5, 'unexpected character "#"');
    expectInvalid('churn_soon(3)', 1, 'unknown function churn_soon');
    expectInvalid('x'.repeat(501), 501, 'longer than 500');
  });
});

describe('compiling', () => {
  it('checks names and types against the whitelist and the attribute definitions', () => {
    expectInvalid('height > 3', 1, 'unknown field height');
    expectInvalid('age > 3 and attr.colour = 1', 13, 'unknown attribute colour');
    expectInvalid('line.boats > 0', 1, 'unknown product line boats');
    expectInvalid("age = 'old'", 7, 'expected a number');
    expectInvalid("gender = 'other'", 10, "gender has no value 'other'");
    expectInvalid("attr.channel = 'web'", 16, "has no option 'web'");
    expectInvalid('attr.vip > 1', 12, 'compare it with = true or = false');
    expectInvalid('attr.income', 1, 'is not true/false');
    expectInvalid('age', 1, 'alone is not a condition');
    expectInvalid("holds('boats')", 7, 'holds takes a product line');
    expectInvalid('lapsed_within(0)', 15, 'from 1 to 240');
    expectInvalid('lapsed_within(1.5)', 15, 'whole number');
  });

  it('binds every user value as a parameter; identifiers only from the whitelist', () => {
    const compiled = toSql("attr.channel = 'bank' and attr.income >= 5000 and holds('medical') and tier != 'gold' and lapsed_within(12)");
    expect(compiled.sql).not.toContain('bank');
    expect(compiled.sql).not.toContain('5000');
    expect(compiled.sql).not.toContain("'medical'");
    expect(compiled.sql).not.toContain('gold');
    expect(compiled.parameters).toEqual(expect.arrayContaining(['channel', 'bank', 'income', 5000, 'medical', 'gold', 12]));
    expect(compiled.sql).toContain('"c"."tier"');
  });

  it('reports the features a target touches, with their families (the leakage rule)', () => {
    expect(compile("holds('medical')").touches).toEqual(expect.arrayContaining(['line.medical', 'policies_in_force', 'annual_premium_fen']));
    expect(compile("holds('medical')").touches).not.toContain('line.life');
    expect(compile('lapsed_within(12)').touches).toEqual(expect.arrayContaining(['lapses', 'lapses_12m', 'policies_in_force', 'line.*']));
    expect(compile('claims_12m >= 2').touches).toEqual(expect.arrayContaining(['claims_count', 'claims_12m', 'loss_ratio_3y_bp']));
    // The percent form the segment explorer uses is the same fact.
    expect(compile('loss_ratio_3y_pct > 100').touches).toEqual(expect.arrayContaining(['loss_ratio_3y_bp', 'claims_paid_3y_fen']));
    expect(compile("attr.channel = 'bank'").touches).toEqual(['attr.channel']);

    const cross = candidateFeatures(attributes, compile("holds('medical')").touches);
    expect(cross).not.toContain('line.medical');
    expect(cross).not.toContain('policies_in_force');
    expect(cross).toContain('line.life');
    expect(cross).toContain('attr.channel=bank');
    const churn = candidateFeatures(attributes, compile('lapsed_within(12)').touches);
    expect(churn.filter((f) => f.startsWith('line.') || f.startsWith('lapses'))).toEqual([]);
    expect(churn).toContain('tenure_years');
    const byAttribute = candidateFeatures(attributes, compile('attr.income > 10000').touches);
    expect(byAttribute).not.toContain('attr.income');
    expect(byAttribute).not.toContain('missing:attr.income');
    expect(featureSource('missing:attr.income')).toBe('attr.income');
    expect(isTouched('line.annuity', ['line.*'])).toBe(true);
  });
});

describe('evaluation figures', () => {
  it('AUC is 1 for a perfect ranking, 0.5 for ties, and lift is the top slice’s rate over the base rate', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const perfect = evaluateScores(
      labels.map((y, i) => (y ? 1 - i / 1000 : 0.5 - i / 1000)),
      labels,
    );
    expect(perfect.auc).toBe(1);
    expect(perfect.lift.top10).toBe(10);
    expect(perfect.lift.top20).toBe(5);
    expect(perfect.curve[0]).toEqual({ pct: 10, lift: 10, captured: 1 });
    expect(perfect.curve.at(-1)).toEqual({ pct: 100, lift: 1, captured: 1 });
    expect(evaluateScores(labels.map(() => 0.3), labels).auc).toBe(0.5);
    // Inverted ranking.
    expect(evaluateScores(labels.map((y) => (y ? 0 : 1)), labels).auc).toBe(0);
  });
});
