import type { TErrorCode, TFieldError, TProblem } from '@anxin/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.ts';
import { fieldErrorOfIssue, type ZodIssueLike } from './zod-issues.ts';

/** One exhaustive table from error code to HTTP status. */
export const ERROR_STATUS: Record<TErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_SESSION_EXPIRED: 401,
  API_KEY_INVALID: 401,
  FORBIDDEN: 403,
  AUTH_ACCOUNT_DISABLED: 403,
  STAFF_SELF_CHANGE_FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  ORG_UNIT_NOT_EMPTY: 409,
  AUTH_ACCOUNT_LOCKED: 423,
  IDEMPOTENCY_KEY_REUSED: 422,
  AUTH_WRONG_PASSWORD: 400,
  AUTH_WEAK_PASSWORD: 400,
  ORG_INVALID_PARENT: 400,
  STAFF_LICENCE_REQUIRED: 400,
  CUSTOMER_INVALID_ID_NUMBER: 400,
  CUSTOMER_ID_NUMBER_MISMATCH: 400,
  CUSTOMER_PURPOSE_REQUIRED: 400,
  CUSTOMER_INVALID_RELATIONSHIP: 400,
  CUSTOMER_ATTRIBUTE_INVALID: 400,
  CONSENT_REQUIRED: 409,
  PRODUCT_INACTIVE: 409,
  POLICY_BENEFICIARY_SHARES: 400,
  POLICY_INVALID_DATES: 400,
  POLICY_INVALID_STATUS_CHANGE: 409,
  CLAIM_INVALID_TRANSITION: 409,
  CLAIM_NOT_COVERED: 422,
  CLAIM_APPROVAL_AUTHORITY: 403,
  CLAIM_SELF_APPROVAL: 403,
  CLAIM_NOTICE_INCOMPLETE: 400,
  CLAIM_DOCUMENT_INVALID: 400,
  CLAIM_PAYMENT_EXCEEDS: 409,
  CLAIM_DUPLICATE_INVOICE: 409,
  COMPLAINT_INVALID_TRANSITION: 409,
  COMPLAINT_ARCHIVED: 409,
  TASK_INVALID_TRANSITION: 409,
  VISIT_CLOSED: 409,
  HEALTH_CONSENT_REQUIRED: 409,
  SEGMENT_CONDITION_INVALID: 400,
  MODEL_EXPRESSION_INVALID: 400,
  MODEL_TARGET_DEGENERATE: 422,
  SEGMENTATION_TOO_FEW_CUSTOMERS: 422,
  CLUSTER_RUN_INACTIVE: 409,
  CLUSTERING_RUNNING: 409,
  RISK_ALERT_INVALID_TRANSITION: 409,
  BLACKLIST_INVALID_TRANSITION: 409,
  BLACKLIST_SELF_APPROVAL: 403,
  SURVEY_NOT_FOUND: 404,
  SURVEY_EXPIRED: 410,
  SURVEY_ALREADY_ANSWERED: 409,
  PORTAL_IDENTITY_MISMATCH: 422,
  PORTAL_NO_MOBILE: 422,
  PORTAL_CODE_INVALID: 401,
  PORTAL_SESSION_EXPIRED: 401,
  IMPORT_FILE_INVALID: 400,
  IMPORT_HAS_INVALID_ROWS: 422,
  IMPORT_ALREADY_FINISHED: 409,
  IMPORT_RUNNING: 409,
  IMPORT_INTERRUPTED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function problem(
  code: TErrorCode,
  detail: string,
  requestId: string,
  instance?: string,
  errors?: TFieldError[],
  extra: Record<string, unknown> = {},
): TProblem & Record<string, unknown> {
  const status = ERROR_STATUS[code];
  return {
    type: `https://anxin.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(instance ? { instance } : {}),
    requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: TProblem) {
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** One schema validation error as fastify-type-provider-zod reports it: the zod issue spread over keyword, path, message and params. */
interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Zod validation errors from the type provider → field errors with dotted paths (`body.username`), rules and params. */
function fieldErrorsOf(error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }): TFieldError[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const issue: ZodIssueLike = { ...v.params, code: v.keyword, message: v.message ?? 'is invalid', path: (v.instancePath ?? '').split('/').filter(Boolean) };
    return fieldErrorOfIssue(context, issue);
  });
}

/** The platform error handler: every error leaves as problem+json with a stable code. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const requestId = String(request.id);
  const instance = request.url.split('?')[0];
  if (error instanceof DomainError) {
    if (error.code === 'INTERNAL') request.log.error({ err: error }, 'internal domain error');
    return sendProblem(reply, problem(error.code, error.message, requestId, instance, error.errors, error.extra));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrorsOf(error as FastifyError & { validation?: ValidationIssue[] });
    const first = errors[0];
    const detail = first ? `${first.field}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}` : 'The request is invalid';
    return sendProblem(reply, problem('VALIDATION_FAILED', detail, requestId, instance, errors));
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause?.issues }, 'response did not match its schema');
    return sendProblem(reply, problem('INTERNAL', `An unexpected error occurred (request ${requestId})`, requestId, instance));
  }
  if (error.statusCode === 429) {
    return sendProblem(reply, problem('RATE_LIMITED', 'Too many requests; wait a minute and try again', requestId, instance));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large, …
    return sendProblem(reply, { ...problem('BAD_REQUEST', error.message, requestId, instance), status: error.statusCode });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem('INTERNAL', `An unexpected error occurred (request ${requestId})`, requestId, instance));
}
