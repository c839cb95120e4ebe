import { z } from 'zod';

/**
 * What can be wrong with one field of a request, as stable names. A field error carries one of these
 * as `rule` (with `params` where the text needs values) besides its English `message`, so that a
 * client can say the same in its user's language. Add a rule here, then give it a text in every
 * console locale (the console's type check fails until it has one). Never rename one: clients
 * switch on them.
 */
export const FIELD_RULES = [
  // Generic rules, also what schema validation reports (see the server's zod issue mapping).
  /** Missing or empty. */
  'required',
  /** Not the expected kind of value; params.expected: a JSON type (string, number, boolean, array, object, …) or number_list, pair, list, single_value. */
  'wrong_type',
  /** Not a whole number. */
  'not_whole',
  /** Text shorter than params.minimum characters. */
  'too_short',
  /** Text longer than params.maximum characters. */
  'too_long',
  /** Below params.minimum (inclusive: equal is fine). */
  'too_small',
  /** Not above params.minimum. */
  'too_small_exclusive',
  /** Above params.maximum (inclusive: equal is fine). */
  'too_big',
  /** Not below params.maximum. */
  'too_big_exclusive',
  /** Fewer than params.minimum items. */
  'too_few',
  /** More than params.maximum items. */
  'too_many',
  /** Not in the expected format (a pattern). */
  'invalid_format',
  /** Not a calendar date (YYYY-MM-DD). */
  'invalid_date',
  /** Not a timestamp (ISO 8601 with offset). */
  'invalid_datetime',
  /** Not an e-mail address. */
  'invalid_email',
  /** Not an id (UUID). */
  'invalid_id',
  /** Not one of the allowed values; params.values (comma-separated). */
  'not_one_of',
  /** Not a multiple of params.divisor. */
  'not_multiple_of',
  /** Fields the request may not carry; params.keys (comma-separated). */
  'unknown_field',
  /** Invalid for a reason without a rule of its own; the message says why. */
  'invalid',
  /** The same value is listed twice; params.value where useful. */
  'listed_twice',
  /** Already used by another record; params.value where useful. */
  'duplicate',
  /** Reserved for the system. */
  'reserved',
  /** No such record, or not within the caller's data scope. */
  'not_found',
  /** Not a record of this customer (policy, claim). */
  'not_of_customer',
  /** A cursor that no previous page of this list returned. */
  'invalid_cursor',
  /** This request does not take this field. */
  'not_accepted_here',
  /** Whole numbers, 0 or more. */
  'non_negative_integers',
  /** An end that comes before its start (or a start after its end). */
  'range_reversed',
  /** A date or time in the future where it must have happened already. */
  'in_future',
  /** A date in the past where it must be today or later. */
  'in_past',
  /** Must be in the future. */
  'not_in_future',
  /** Earlier than params.earliest. */
  'too_early',
  // Customers
  'persons_only',
  'organisations_only',
  /** ID number: not 17 digits and a digit or X. */
  'id_number_format',
  /** ID number: the region code (first 6 digits) is not a mainland division. */
  'id_number_region',
  /** ID number: digits 7–14 are not a valid birth date. */
  'id_number_birth_date',
  /** ID number: the check digit (GB 11643) does not match. */
  'id_number_check_digit',
  /** Birth date or gender does not match what the ID number says. */
  'id_number_mismatch',
  /** Unified social credit code: not 18 allowed characters. */
  'credit_code_format',
  /** Unified social credit code: the check character (GB 32100) does not match. */
  'credit_code_check',
  'mobile_format',
  'landline_format',
  'wechat_format',
  'address_too_short',
  /** Bank account: 8–30 digits. */
  'bank_account_format',
  /** Only one contact can be preferred. */
  'one_preferred',
  /** Needs the separate consent for params.purpose, with its evidence (kind and reference). */
  'consent_evidence_required',
  /** Health notes need the separate health_data consent first. */
  'health_consent_required',
  /** Unmasking personal data needs a stated purpose. */
  'purpose_required',
  'owner_agent_inactive',
  'owner_agent_self_only',
  'owner_agent_outside_unit',
  'self_relationship',
  /** The relationship type does not fit the two customers' kinds. */
  'relationship_kinds',
  /** The two customers are already related as params.type. */
  'already_related',
  /** The attribute cannot be filtered on. */
  'not_filterable',
  'enum_needs_options',
  /** params.count customers hold values under the key that the definition would not accept. */
  'stored_values_misfit',
  'options_enum_only',
  // Portal
  /** The ID number matches no policyholder or insured person of the policy. */
  'identity_mismatch',
  /** The sign-in code is wrong, expired or used; params.triesLeft when wrong. */
  'code_invalid',
  // Org and staff
  'org_unit_closed',
  /** This level cannot sit under the chosen parent. */
  'level_not_allowed',
  'licence_required',
  'password_too_short',
  'password_letters_digits',
  'password_has_username',
  'wrong_password',
  'password_unchanged',
  // Products and policies
  'product_inactive',
  'bank_account_auto_debit_only',
  'renewal_one_by_one',
  'renewal_other_holder',
  'renewal_not_in_force',
  'already_renewed',
  /** The policy already has the status params.policyStatus. */
  'status_unchanged',
  /** A params.policyStatus policy is final: no status change. */
  'status_final',
  /** A params.fromPolicyStatus policy cannot become params.toPolicyStatus. */
  'status_not_allowed',
  /** The cooling-off period ended on params.date: surrender instead of cancelling. */
  'cooling_off_ended',
  /** The policy runs until params.date and expires then: surrender to end it sooner. */
  'runs_until_expiry',
  /** The policy status cannot change this way (the message says why). */
  'status_change_refused',
  'use_surrender',
  /** Beneficiary shares must total 100 %; params.total. */
  'shares_total',
  /** An agent enters only their own sales. */
  'must_be_self',
  /** The agent holds no practising licence valid on params.on. */
  'agent_unlicensed',
  // Claims
  'several_insured',
  /** The incident kind does not fit the policy's line. */
  'incident_kind_mismatch',
  /** Not on the product's document checklist; params.codes. */
  'not_on_checklist',
  /** The first notice must list everything missing; params.codes. */
  'notice_incomplete',
  'late_reason_required',
  'not_a_coverage',
  'exceeds_claimed',
  /** The claim's status does not allow this action; params.status. */
  'wrong_status',
  /** Required documents are missing; params.codes. */
  'documents_missing',
  'not_adjusted',
  /** The person is not insured by the policy (or the caller does not hold it). */
  'not_insured',
  /** The policy was not in force on params.date. */
  'not_in_force_on',
  /** An advance above what is determined; params.maximumFen. */
  'advance_exceeds',
  /** The final payment must be the rest; params.restFen. */
  'final_not_rest',
  /** A partial payment must be less than the rest; params.restFen. */
  'partial_not_below_rest',
  'not_fully_paid',
  /** Who adjusted a claim cannot approve it. */
  'four_eyes',
  /** Above the approver's authority; params.limitFen. */
  'above_authority',
  'not_an_adjuster',
  /** The priority queue is one page; narrow it with filters. */
  'single_page_queue',
  /** More than the statutory params.days. */
  'above_statutory',
  'warn_not_before_due',
  'company_default_fixed',
  'below_adjuster_limit',
  'file_not_base64',
  'file_empty',
  /** Larger than params.maxMb megabytes. */
  'file_too_large',
  'file_type',
  // Complaints
  'sub_reason_mismatch',
  'regulator_ref_required',
  'collective_only',
  'already_there',
  'complaint_or_month_required',
  // Service
  'letter_visit_only',
  'not_a_question',
  'yes_or_no',
  /** A score from params.minimum to params.maximum. */
  'score_between',
  'self_referral',
  'already_referred',
  'questions_unique',
  'one_csat_one_nps',
  'choice_options',
  /** Two options of one choice question have the same value. */
  'option_values_unique',
  // Segmentation, models, automation
  'unknown_condition_field',
  /** The operator does not fit the field; params.ops. */
  'operator_not_allowed',
  'tiers_each_once',
  'tiers_order',
  'standard_tier_zero',
  'not_a_parameter',
  'audience_not_allowed',
  'not_active_run',
  /** A model expression that does not parse; params.position (1-based column). */
  'expression_invalid',
  /** The target is the same for (nearly) every customer. */
  'target_degenerate',
  'not_a_risk_handler',
  'already_blacklisted',
  /** The written denial notice of this denial was already recorded. */
  'notice_already_sent',
  // Imports
  /** The file has no column params.column. */
  'no_such_column',
  /** params.field is not a field of this import. */
  'not_an_import_field',
  /** params.field is already mapped from column params.column. */
  'mapped_twice',
  /** No column is mapped to the required field params.field. */
  'required_field_unmapped',
  'no_data_rows',
  'no_header_row',
  /** The header of column params.column is empty. */
  'header_empty',
  /** The header params.header appears twice. */
  'header_twice',
  /** The file is not a readable CSV or XLSX file. */
  'file_unreadable',
  /** Not an amount in yuan (e.g. 1234.50). */
  'not_yuan_amount',
  /** Give an external id or an ID number to find the customer. */
  'customer_key_required',
  /** A beneficiary (number params.n) is not <external id or ID number>:<share %>. */
  'beneficiary_format',
  /** The row has more cells than the header row. */
  'row_too_long',
  /** The row duplicates a record that already exists. */
  'row_exists',
  /** Outside the importer's data scope. */
  'out_of_scope',
  /** A medical claim without an ICD-10 code must say what was diagnosed. */
  'required_without_diagnosis',
  /** Underwriting: only a pending policy (an application) is decided. */
  'not_pending',
  /** Underwriting: compulsory motor insurance is accepted at standard terms only (never declined, loaded or discounted). */
  'compulsory_motor_standard_only',
  /** Underwriting: a preferential decision needs a discount (a negative premium adjustment). */
  'discount_required',
  /** Underwriting: a conditional decision needs a loading (a positive premium adjustment) or exclusions. */
  'loading_or_exclusions_required',
  /** Underwriting: this decision takes no premium adjustment (standard, declined) or not this sign. */
  'adjustment_not_allowed',
  /** Underwriting: exclusions belong to a conditional decision only. */
  'exclusions_not_allowed',
  /** Complaint assignment: not an active staff member who handles complaints at the complaint's unit or above it. */
  'not_a_complaint_handler',
  /** Complaint assignment: the staff member the complaint is about may not handle it. */
  'complaint_concerns_them',
  /** Complaint assignment: the complaint is already theirs. */
  'already_assigned',
] as const;

export const ZFieldRule = z.enum(FIELD_RULES);
export type TFieldRule = z.infer<typeof ZFieldRule>;

/** Values a rule's text needs (numbers as numbers; money in fen, named …Fen). */
export const ZFieldParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type TFieldParams = z.infer<typeof ZFieldParams>;
