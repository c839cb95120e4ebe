import { ZCreateComplaintRequest } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorOfIssue, ruleOfIssue } from './zod-issues.ts';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return parsed.error.issues;
};
const rulesOf = (schema: z.ZodType, value: unknown) => issuesOf(schema, value).map((i) => ruleOfIssue(i));

describe('zod issues → field rules', () => {
  it('tells a missing value from a wrong one, and a whole number from any number', () => {
    const schema = z.object({ a: z.string(), b: z.number().int(), c: z.boolean() }).strict();
    expect(rulesOf(schema, { b: 1.5, c: 'yes', d: 1 })).toEqual([
      { rule: 'required' },
      { rule: 'not_whole' },
      { rule: 'wrong_type', params: { expected: 'boolean' } },
      { rule: 'unknown_field', params: { keys: 'd' } },
    ]);
  });

  it('names the bound of text, numbers and lists, inclusive or not', () => {
    expect(rulesOf(z.string().min(1), '')).toEqual([{ rule: 'required' }]);
    expect(rulesOf(z.string().min(3).max(5), 'ab')).toEqual([{ rule: 'too_short', params: { minimum: 3 } }]);
    expect(rulesOf(z.string().max(5), 'abcdef')).toEqual([{ rule: 'too_long', params: { maximum: 5 } }]);
    expect(rulesOf(z.number().int().max(100_000_000_000), 100_000_000_001)).toEqual([{ rule: 'too_big', params: { maximum: 100_000_000_000 } }]);
    expect(rulesOf(z.number().positive(), 0)).toEqual([{ rule: 'too_small_exclusive', params: { minimum: 0 } }]);
    expect(rulesOf(z.number().min(1), 0)).toEqual([{ rule: 'too_small', params: { minimum: 1 } }]);
    expect(rulesOf(z.array(z.string()).min(2), ['a'])).toEqual([{ rule: 'too_few', params: { minimum: 2 } }]);
    expect(rulesOf(z.array(z.string()).max(1), ['a', 'b'])).toEqual([{ rule: 'too_many', params: { maximum: 1 } }]);
    expect(rulesOf(z.number().multipleOf(5), 7)).toEqual([{ rule: 'not_multiple_of', params: { divisor: 5 } }]);
  });

  it('names formats and enumerations', () => {
    expect(rulesOf(z.iso.date(), '2026-02-30')).toEqual([{ rule: 'invalid_date' }]);
    expect(rulesOf(z.iso.datetime({ offset: true }), 'yesterday')).toEqual([{ rule: 'invalid_datetime' }]);
    expect(rulesOf(z.email(), 'a@')).toEqual([{ rule: 'invalid_email' }]);
    expect(rulesOf(z.uuid(), 'x')).toEqual([{ rule: 'invalid_id' }]);
    expect(rulesOf(z.string().regex(/^[A-Z]+$/), 'abc')).toEqual([{ rule: 'invalid_format' }]);
    expect(rulesOf(z.enum(['person', 'organisation']), 'alien')).toEqual([{ rule: 'not_one_of', params: { values: 'person, organisation' } }]);
  });

  it('takes a refinement’s rule from its params, and falls back to invalid', () => {
    expect(rulesOf(z.string().refine(() => false, { message: 'no', params: { rule: 'sub_reason_mismatch' } }), 'x')).toEqual([{ rule: 'sub_reason_mismatch' }]);
    expect(rulesOf(z.string().refine(() => false, 'no'), 'x')).toEqual([{ rule: 'invalid' }]);
    // The contracts' own refinements name theirs.
    const issues = issuesOf(ZCreateComplaintRequest, {
      customerId: '0190a1b2-0000-7000-8000-000000000001', channel: 'regulator', category: 'claims', subReason: 'no_such_reason', subject: '理赔太慢', description: '理赔太慢', receivedAt: '2026-11-01T02:00:00Z',
    });
    expect(issues.map((i) => fieldErrorOfIssue('body', i)).filter((e) => e.code === 'custom')).toEqual([
      expect.objectContaining({ field: 'body.subReason', rule: 'sub_reason_mismatch' }),
      expect.objectContaining({ field: 'body.regulatorRef', rule: 'regulator_ref_required' }),
    ]);
  });
});
