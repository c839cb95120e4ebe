import type { TErrorCode, TFieldError } from '@anxin/contracts';

/**
 * The one error type domain code throws. It knows nothing of HTTP: the platform's error handler
 * maps `code` to a status (see http/problem.ts) and renders problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly errors: TFieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Shorthand for a single-field validation failure. */
export function fieldError(field: string, message: string, code: TErrorCode = 'VALIDATION_FAILED'): DomainError {
  return new DomainError(code, message, [{ field, message }]);
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (why: string) => new DomainError('FORBIDDEN', why);
export const versionConflict = (what: string) =>
  new DomainError('VERSION_CONFLICT', `${what} was changed by someone else; reload and try again`);
