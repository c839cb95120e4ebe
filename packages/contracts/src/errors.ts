import { z } from 'zod';
import { ZFieldParams, ZFieldRule } from './field-rules.ts';
import { ZInstant } from './common.ts';

/**
 * The catalogue of stable error codes. Every problem+json response carries one of these in `code`;
 * clients switch on the code, never on the human-readable text.
 */
export const ERROR_CODES = [
  /** The request body, query or parameters failed validation; `errors[]` names each field. */
  'VALIDATION_FAILED',
  /** No valid session or API key accompanied a request that needs one. */
  'UNAUTHENTICATED',
  /** The caller is authenticated but its roles or data scope do not allow the action. */
  'FORBIDDEN',
  /** The record does not exist or lies outside the caller's data scope. */
  'NOT_FOUND',
  /** The route does not exist. */
  'ROUTE_NOT_FOUND',
  /** The record changed since the caller read it (optimistic concurrency on `version`). */
  'VERSION_CONFLICT',
  /** A unique business value (username, org code, …) is already taken. */
  'DUPLICATE',
  /** Username or password is wrong (deliberately not saying which). */
  'AUTH_INVALID_CREDENTIALS',
  /** Too many failed logins: the account is locked until `lockedUntil`. */
  'AUTH_ACCOUNT_LOCKED',
  /** The account has been disabled by an administrator. */
  'AUTH_ACCOUNT_DISABLED',
  /** The current password given for a password change is wrong. */
  'AUTH_WRONG_PASSWORD',
  /** The new password does not meet the password policy. */
  'AUTH_WEAK_PASSWORD',
  /** The session has expired or was logged out. */
  'AUTH_SESSION_EXPIRED',
  /** Too many requests in a short time (login rate limit). */
  'RATE_LIMITED',
  /** An org unit was placed under a parent of the wrong level (e.g. a city branch under HQ). */
  'ORG_INVALID_PARENT',
  /** An org unit still has child units or staff and cannot be closed. */
  'ORG_UNIT_NOT_EMPTY',
  /** Agents must carry a practising licence with a valid period. */
  'STAFF_LICENCE_REQUIRED',
  /** A user may not change their own roles, disable themselves or lock themselves out. */
  'STAFF_SELF_CHANGE_FORBIDDEN',
  /** The same Idempotency-Key was reused with a different request body. */
  'IDEMPOTENCY_KEY_REUSED',
  /** A request with the same Idempotency-Key is still being processed. */
  'IDEMPOTENCY_IN_PROGRESS',
  /** The API key is unknown, revoked or expired. */
  'API_KEY_INVALID',
  // — customers —
  /** A mainland resident ID number is malformed or its check digit is wrong. */
  'CUSTOMER_INVALID_ID_NUMBER',
  /** The birth date or gender entered disagrees with what the ID number encodes. */
  'CUSTOMER_ID_NUMBER_MISMATCH',
  /** Unmasking sensitive data needs a stated purpose (PIPL). */
  'CUSTOMER_PURPOSE_REQUIRED',
  /** A relationship is invalid (a customer related to itself, or the pair already related). */
  'CUSTOMER_INVALID_RELATIONSHIP',
  /** A custom attribute value does not match its definition (type, enum options, required). */
  'CUSTOMER_ATTRIBUTE_INVALID',
  /** The action needs a consent the customer has not given or has withdrawn. */
  'CONSENT_REQUIRED',
  // — products and policies —
  /** A product is inactive and cannot be used on new policies. */
  'PRODUCT_INACTIVE',
  /** Beneficiary shares on a policy do not total 100%. */
  'POLICY_BENEFICIARY_SHARES',
  /** A policy date is inconsistent (expiry before effective date, cooling-off outside the term, …). */
  'POLICY_INVALID_DATES',
  /** The policy's status does not allow the change (e.g. an endorsement on a surrendered policy). */
  'POLICY_INVALID_STATUS_CHANGE',
  // — claims —
  /** The claim's status does not allow this action (e.g. approving a claim still being assessed). */
  'CLAIM_INVALID_TRANSITION',
  /** The policy does not cover this claim (not in force on the incident date, insured not on the policy). */
  'CLAIM_NOT_COVERED',
  /** An amount exceeds the approver's authority for this claim; a higher role must approve. */
  'CLAIM_APPROVAL_AUTHORITY',
  /** Whoever adjusted a claim cannot approve it; another person must (four eyes). */
  'CLAIM_SELF_APPROVAL',
  /** A later missing-documents notice without saying why it was not in the first one (Insurance Law Art. 22). */
  'CLAIM_NOTICE_INCOMPLETE',
  /** The uploaded document is not an accepted type (JPEG, PNG, PDF) or is too large. */
  'CLAIM_DOCUMENT_INVALID',
  /** Payments would exceed the approved (or, for an advance, the determinable) amount. */
  'CLAIM_PAYMENT_EXCEEDS',
  /** An invoice on this claim was already claimed on another claim. */
  'CLAIM_DUPLICATE_INVOICE',
  // — complaints —
  /** The complaint's status does not allow this action (e.g. deciding a complaint not yet registered). */
  'COMPLAINT_INVALID_TRANSITION',
  /** A closed or withdrawn complaint is archived read-only; reopen it (with a reason) first. */
  'COMPLAINT_ARCHIVED',
  // — service operations —
  /** The task's status does not allow this action (e.g. completing a cancelled task). */
  'TASK_INVALID_TRANSITION',
  /** The follow-up visit is already completed or refused. */
  'VISIT_CLOSED',
  /** Health data is kept only with the customer's separate consent to process it (PIPL art. 29). */
  'HEALTH_CONSENT_REQUIRED',
  /** The survey link is unknown. */
  'SURVEY_NOT_FOUND',
  /** The survey link has expired. */
  'SURVEY_EXPIRED',
  /** The survey was already answered through this link (one answer per link). */
  'SURVEY_ALREADY_ANSWERED',
  // — customer portal —
  /** The policy number and ID number do not belong together (or the policy is unknown). */
  'PORTAL_IDENTITY_MISMATCH',
  /** No mobile number is on file to send the one-time code to; the customer should call the hotline. */
  'PORTAL_NO_MOBILE',
  /** The one-time code is wrong, expired, already used, or was tried too often. */
  'PORTAL_CODE_INVALID',
  /** The portal session has ended (expired, logged out); identify again. */
  'PORTAL_SESSION_EXPIRED',
  // — import and export —
  /** The uploaded file cannot be read (not CSV/XLSX, empty, no header row, too large). */
  'IMPORT_FILE_INVALID',
  /** An all-or-nothing import was asked to commit while rows are invalid; `errors[]` lists them. */
  'IMPORT_HAS_INVALID_ROWS',
  /** The import was already committed or cancelled. */
  'IMPORT_ALREADY_FINISHED',
  /** A dry run or commit of this import is running; follow it at GET /imports/{id}. */
  'IMPORT_RUNNING',
  /** (On an import job only, never answered.) Its dry run or commit stopped with its server; run it again. */
  'IMPORT_INTERRUPTED',
  /** A segment or tag-rule condition names an unknown field, an operator the field does not take, or a value of the wrong type. */
  'SEGMENT_CONDITION_INVALID',
  /** A model's target or filter expression does not parse or names something unknown; `detail` says where. */
  'MODEL_EXPRESSION_INVALID',
  /** The training data cannot make a model: too few rows, or the target is (nearly) always true or always false. */
  'MODEL_TARGET_DEGENERATE',
  /** Too few customers with metrics to cluster (run segmentation first, or ask for fewer clusters). */
  'SEGMENTATION_TOO_FEW_CUSTOMERS',
  /** Clusters of an earlier run cannot be named or saved as a segment: customers belong to the active run's clusters. */
  'CLUSTER_RUN_INACTIVE',
  /** A clustering is already running (one at a time); follow it at GET /clusters/jobs/{jobId}, or ask with Prefer: respond-async. */
  'CLUSTERING_RUNNING',
  /** The risk alert's status does not allow this action (e.g. closing a closed alert). */
  'RISK_ALERT_INVALID_TRANSITION',
  /** The blacklist entry's status does not allow this action (e.g. approving an entry already decided). */
  'BLACKLIST_INVALID_TRANSITION',
  /** A blacklist entry must be decided by someone other than the person who requested it (four eyes). */
  'BLACKLIST_SELF_APPROVAL',
  /** The request body is not valid JSON or has the wrong content type. */
  'BAD_REQUEST',
  /** An unexpected server error; the response carries the request id for support. */
  'INTERNAL',
] as const;

export const ZErrorCode = z.enum(ERROR_CODES);
export type TErrorCode = z.infer<typeof ZErrorCode>;

/** One field-level problem inside a problem+json response. */
export const ZFieldError = z.object({
  /** Dotted path of the offending field, e.g. `body.licence.validTo`. */
  field: z.string(),
  /** What is wrong, in English. */
  message: z.string(),
  /** An error code or, from schema validation, zod's issue code. Prefer `rule`. */
  code: z.string().optional(),
  /** What is wrong as a stable name (see field-rules.ts): a client translates it with `params`. */
  rule: ZFieldRule.optional(),
  params: ZFieldParams.optional(),
});
export type TFieldError = z.infer<typeof ZFieldError>;

/** RFC 9457 problem details, as every error response of the API. */
export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: ZErrorCode,
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(ZFieldError).optional(),
    /** With `AUTH_ACCOUNT_LOCKED`: when the lock ends. */
    lockedUntil: ZInstant.optional(),
    /** With `MODEL_EXPRESSION_INVALID`: the 1-based character column of the error and what was expected there. */
    position: z.number().int().optional(),
    expected: z.string().optional(),
  })
  .meta({ id: 'Problem' });
export type TProblem = z.infer<typeof ZProblem>;
