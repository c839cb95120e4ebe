import type { TErrorCode, TFieldError, TFieldParams, TFieldRule } from '@anxin/contracts';

/**
 * The one error type domain code throws. It knows nothing of HTTP: the platform's error handler
 * maps `code` to a status (see http/problem.ts) and renders problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly errors: RuledFieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A field error as the server raises it: always with its rule. */
export type RuledFieldError = TFieldError & { rule: TFieldRule };

/** What is wrong with a field: a stable rule (translated by clients), its params, and the English text. */
export interface FieldProblem {
  rule: TFieldRule;
  message: string;
  params?: TFieldParams;
}

/** A field problem: `rule('in_future', 'must not be in the future')`. */
export const rule = (name: TFieldRule, message: string, params?: TFieldParams): FieldProblem => ({ rule: name, message, ...(params ? { params } : {}) });

/** The field error of one field's problem. */
export const fieldProblem = (field: string, problem: FieldProblem): RuledFieldError => ({ field, ...problem });

/** Shorthand for a single-field validation failure. */
export function fieldError(field: string, problem: FieldProblem, code: TErrorCode = 'VALIDATION_FAILED'): DomainError {
  return new DomainError(code, problem.message, [fieldProblem(field, problem)]);
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (why: string) => new DomainError('FORBIDDEN', why);
export const versionConflict = (what: string) =>
  new DomainError('VERSION_CONFLICT', `${what} was changed by someone else; reload and try again`);
