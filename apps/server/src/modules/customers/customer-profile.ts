// Turns profile fields of a create/update request into stored columns: normalises text, checks the
// ID number (and the birth date and gender derived from it), encrypts sensitive fields.
import type { TCreateCustomerRequest, TErrorCode } from '@anxin/contracts';
import type { Updateable } from 'kysely';
import type { FieldCipher } from '../../platform/crypto/field-encryption.ts';
import type { CustomerTable } from '../../platform/db/schema/customers.ts';
import { DomainError, rule, type FieldProblem, type RuledFieldError } from '../../platform/errors.ts';
import { maskBankAccount, maskIdNumber } from './customer-masking.ts';
import { namePinyin, normaliseBankAccount, normaliseName, normaliseOptionalText, parseIdNumber, parseSocialCreditCode } from './customer-validation.ts';

type ProfileInput = Partial<Pick<
  TCreateCustomerRequest,
  'name' | 'gender' | 'birthDate' | 'idNumber' | 'occupation' | 'incomeBand' | 'unifiedSocialCreditCode' | 'industry' | 'externalId' | 'healthNotes' | 'bankAccount'
>>;

/** What is already stored (on update): the kind, and the current ID number in clear if any. */
export interface CurrentProfile {
  kind: 'person' | 'organisation';
  idNumber: string | null;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
}

interface CodedError extends RuledFieldError {
  code: TErrorCode;
}

const PRIORITY: TErrorCode[] = ['CUSTOMER_INVALID_ID_NUMBER', 'CUSTOMER_ID_NUMBER_MISMATCH', 'VALIDATION_FAILED'];

/** Throws one DomainError carrying every field error; its code is the most specific one found. */
export function throwFieldErrors(errors: CodedError[]): void {
  if (errors.length === 0) return;
  const code = PRIORITY.find((c) => errors.some((e) => e.code === c)) ?? errors[0]!.code;
  const first = errors.find((e) => e.code === code)!;
  throw new DomainError(code, `${first.field}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, errors.map(({ code: _code, ...fieldError }) => fieldError));
}

export interface ProfileResult {
  columns: Updateable<CustomerTable>;
  /** The normalised ID number when one was set (for the duplicate check). */
  idNumber?: string;
  errors: CodedError[];
}

/**
 * Builds the stored columns for the profile fields present in `input` (absent = unchanged,
 * null = cleared). Collects every field error instead of stopping at the first.
 */
export function buildProfileColumns(cipher: FieldCipher, kind: 'person' | 'organisation', input: ProfileInput, current: CurrentProfile | null, today: string): ProfileResult {
  const errors: CodedError[] = [];
  const columns: Updateable<CustomerTable> = {};
  const err = (field: string, problem: FieldProblem, code: TErrorCode = 'VALIDATION_FAILED') => errors.push({ field: `body.${field}`, ...problem, code });
  let idNumber: string | undefined;

  if (input.name !== undefined) {
    const name = normaliseName(input.name);
    if (name === '') err('name', rule('required', 'name is required'));
    else {
      const { full, initials } = namePinyin(name);
      Object.assign(columns, { name, name_pinyin: full, name_initials: initials });
    }
  }

  if (kind === 'organisation') {
    for (const field of ['idNumber', 'gender', 'birthDate', 'incomeBand', 'healthNotes'] as const) if (input[field] !== undefined && input[field] !== null) err(field, rule('persons_only', 'applies to persons only'));
  } else {
    for (const field of ['unifiedSocialCreditCode', 'industry'] as const) if (input[field] !== undefined && input[field] !== null) err(field, rule('organisations_only', 'applies to organisations only'));
  }

  if (input.birthDate) {
    if (input.birthDate > today) err('birthDate', rule('in_future', 'must not be in the future'));
    else if (input.birthDate < '1900-01-01') err('birthDate', rule('too_early', 'must be after 1900-01-01', { earliest: '1900-01-01' }));
  }

  // The ID number decides birth date and gender: entered values must agree with it; missing ones are filled from it.
  const enteredId = input.idNumber === undefined ? undefined : normaliseOptionalText(input.idNumber);
  const idForCheck = enteredId === undefined ? current?.idNumber ?? null : enteredId;
  if (enteredId === null) Object.assign(columns, { id_number_enc: null, id_number_bidx: null, id_number_masked: null });
  if (idForCheck && kind === 'person') {
    const parsed = parseIdNumber(idForCheck, today);
    if (!parsed.ok) {
      if (enteredId) err('idNumber', parsed.reason, 'CUSTOMER_INVALID_ID_NUMBER');
    } else {
      if (input.birthDate && input.birthDate !== parsed.birthDate) err('birthDate', rule('id_number_mismatch', 'does not match the birth date in the ID number'), 'CUSTOMER_ID_NUMBER_MISMATCH');
      if (input.gender && input.gender !== parsed.gender) err('gender', rule('id_number_mismatch', 'does not match the gender in the ID number'), 'CUSTOMER_ID_NUMBER_MISMATCH');
      if (enteredId) {
        idNumber = parsed.idNumber;
        Object.assign(columns, {
          id_number_enc: cipher.encrypt(parsed.idNumber),
          id_number_bidx: cipher.blindIndex(parsed.idNumber),
          id_number_masked: maskIdNumber(parsed.idNumber),
          birth_date: parsed.birthDate,
          gender: parsed.gender,
        });
      }
    }
  }
  if (input.birthDate !== undefined && columns.birth_date === undefined) columns.birth_date = input.birthDate;
  if (input.gender !== undefined && columns.gender === undefined) columns.gender = input.gender;

  if (input.occupation !== undefined) columns.occupation = normaliseOptionalText(input.occupation);
  if (input.incomeBand !== undefined) columns.income_band = input.incomeBand;
  if (input.industry !== undefined) columns.industry = normaliseOptionalText(input.industry);
  if (input.externalId !== undefined) columns.external_id = normaliseOptionalText(input.externalId);
  if (input.unifiedSocialCreditCode !== undefined) {
    const text = normaliseOptionalText(input.unifiedSocialCreditCode);
    if (text === null) columns.unified_social_credit_code = null;
    else {
      const parsed = parseSocialCreditCode(text);
      if (parsed.ok) columns.unified_social_credit_code = parsed.code;
      else err('unifiedSocialCreditCode', parsed.reason);
    }
  }
  if (input.healthNotes !== undefined) {
    const notes = normaliseOptionalText(input.healthNotes);
    columns.health_notes_enc = notes === null ? null : cipher.encrypt(notes);
  }
  if (input.bankAccount !== undefined) {
    const text = normaliseOptionalText(input.bankAccount);
    if (text === null) Object.assign(columns, { bank_account_enc: null, bank_account_masked: null });
    else {
      const account = normaliseBankAccount(text);
      if (account) Object.assign(columns, { bank_account_enc: cipher.encrypt(account), bank_account_masked: maskBankAccount(account) });
      else err('bankAccount', rule('bank_account_format', 'must be 8–30 digits'));
    }
  }
  return { columns, ...(idNumber ? { idNumber } : {}), errors };
}
