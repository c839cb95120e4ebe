import type { TFieldParams, TFieldRule } from '@anxin/contracts';
import type { RuledFieldError } from '../errors.ts';

/** The parts of a zod (v4) issue the mapping reads. */
export interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  values?: unknown[];
  keys?: string[];
  divisor?: number;
  params?: Record<string, unknown>;
}

const num = (v: number | bigint | undefined) => (v === undefined ? 0 : Number(v));

const FORMAT_RULES: Record<string, TFieldRule> = { date: 'invalid_date', datetime: 'invalid_datetime', email: 'invalid_email', uuid: 'invalid_id', guid: 'invalid_id' };

/** A zod issue's stable field rule and the params its text needs. */
export function ruleOfIssue(issue: ZodIssueLike): { rule: TFieldRule; params?: TFieldParams } {
  switch (issue.code) {
    case 'invalid_type':
      // Zod keeps no input in its issues; its (English, default) message names what it received.
      if (issue.input === undefined ? /received (undefined|null)$/.test(issue.message ?? '') : issue.input === null) return { rule: 'required' };
      if (issue.expected === 'int') return { rule: 'not_whole' };
      return { rule: 'wrong_type', params: { expected: String(issue.expected ?? '') } };
    case 'too_small': {
      const minimum = num(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? { rule: 'required' } : { rule: 'too_short', params: { minimum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { rule: 'too_few', params: { minimum } };
      return { rule: issue.inclusive === false ? 'too_small_exclusive' : 'too_small', params: { minimum } };
    }
    case 'too_big': {
      const maximum = num(issue.maximum);
      if (issue.origin === 'string') return { rule: 'too_long', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { rule: 'too_many', params: { maximum } };
      return { rule: issue.inclusive === false ? 'too_big_exclusive' : 'too_big', params: { maximum } };
    }
    case 'invalid_format':
      return { rule: FORMAT_RULES[issue.format ?? ''] ?? 'invalid_format' };
    case 'invalid_value':
      return { rule: 'not_one_of', params: { values: (issue.values ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { rule: 'unknown_field', params: { keys: (issue.keys ?? []).join(', ') } };
    case 'not_multiple_of':
      return issue.divisor === 1 ? { rule: 'not_whole' } : { rule: 'not_multiple_of', params: { divisor: issue.divisor ?? 1 } };
    case 'custom': {
      // A refinement names its rule: `.refine(fn, { message, path, params: { rule: 'sub_reason_mismatch' } })`.
      const named = issue.params?.rule;
      return typeof named === 'string' ? { rule: named as TFieldRule } : { rule: 'invalid' };
    }
    default:
      return { rule: 'invalid' };
  }
}

/** One zod issue as a field error under `prefix` (`body`, `querystring`, …). */
export function fieldErrorOfIssue(prefix: string, issue: ZodIssueLike): RuledFieldError {
  const { rule, params } = ruleOfIssue(issue);
  return {
    field: [prefix, ...(issue.path ?? []).map(String)].join('.'),
    message: issue.message ?? 'is invalid',
    ...(issue.code ? { code: issue.code } : {}),
    rule,
    ...(params ? { params } : {}),
  };
}
