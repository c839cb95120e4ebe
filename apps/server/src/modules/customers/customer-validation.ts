// Pure validators and normalisers for customer data: no database, no I/O; unit-tested beside.
import { pinyin } from 'pinyin-pro';
import { rule, type FieldProblem } from '../../platform/errors.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const SPACES_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

/**
 * Normalises free text: full-width characters to half-width (NFKC: `ＡＢＣ１２３` → `ABC123`,
 * full-width space → space), trims, and collapses runs of white space to one space.
 */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** Like `normaliseText`, and drops spaces between Chinese characters (`张 三` → `张三`). */
export function normaliseName(value: string): string {
  return normaliseText(value).replace(SPACES_BETWEEN_CJK, '');
}

/** Normalised text, or null when empty/absent. */
export function normaliseOptionalText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = normaliseText(value);
  return text === '' ? null : text;
}

// ─── Mainland resident ID number (GB 11643-1999) ──────────────────────────────────────────────

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
/** First two digits of the administrative division code (GB/T 2260): provinces, Hong Kong, Macao, Taiwan. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** The GB 11643 check character for the first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** Failure reasons say what is wrong, never the value: they reach error responses, logs and import error rows. */
export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string; gender: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: FieldProblem };

/** Canonical form of an entered ID number: NFKC, no spaces or dashes, upper-case X. */
export function normaliseIdNumber(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/gu, '').toUpperCase();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Checks a mainland resident ID number: 18 characters (17 digits and a digit or X), a known
 * province code, a real birth date not in the future, and the GB 11643 check character. Derives the
 * birth date (digits 7–14) and gender (17th digit: odd = male).
 */
export function parseIdNumber(value: string, today: string = shanghaiDateOf(new Date())): IdNumberResult {
  const id = normaliseIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: rule('id_number_format', 'must be 18 characters: 17 digits and a digit or X') };
  // A person is registered in a county-level division: `xx0000` is a province, except the residence
  // permits of Hong Kong, Macao and Taiwan residents (810000, 820000, 830000).
  const province = id.slice(0, 2);
  if (!PROVINCE_CODES.has(province) || (id.slice(2, 6) === '0000' && !['81', '82', '83'].includes(province))) {
    return { ok: false, reason: rule('id_number_region', 'region code (first 6 digits) is not a mainland administrative division') };
  }
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (year < 1900 || !isCalendarDate(year, month, day) || birthDate > today) return { ok: false, reason: rule('id_number_birth_date', 'birth date (digits 7–14) is not a valid date') };
  const expected = idNumberCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) return { ok: false, reason: rule('id_number_check_digit', 'check digit does not match (GB 11643)') };
  return { ok: true, idNumber: id, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female', regionCode: id.slice(0, 6) };
}

// ─── Unified social credit code (GB 32100-2015) ───────────────────────────────────────────────

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character for the first 17 characters of a unified social credit code. */
export function socialCreditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** The normalised code, or a reason it is invalid. */
export function parseSocialCreditCode(value: string): { ok: true; code: string } | { ok: false; reason: FieldProblem } {
  const code = normaliseIdNumber(value);
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return { ok: false, reason: rule('credit_code_format', 'must be 18 characters (digits and upper-case letters except I, O, S, V, Z)') };
  if (code[17] !== socialCreditCheckChar(code.slice(0, 17))) return { ok: false, reason: rule('credit_code_check', 'check character does not match (GB 32100)') };
  return { ok: true, code };
}

// ─── Contacts ─────────────────────────────────────────────────────────────────────────────────

/** A mainland mobile number as 11 digits, accepting +86/86/0086 prefixes, spaces, dashes and brackets; null if invalid. */
export function normaliseMobile(value: string): string | null {
  let digits = value.normalize('NFKC').replace(/[\s\-()]/gu, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** A landline `0571-88886666` (area code 3–4 digits, number 7–8, optional extension); null if invalid. */
export function normaliseLandline(value: string): string | null {
  const text = value.normalize('NFKC').replace(/[\s()]/gu, '').replace(/^\+?86-?/u, '0').replace(/^00/u, '0');
  const m = /^(0\d{2,3})-?(\d{7,8})(?:[-#转](\d{1,6}))?$/u.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`;
}

/** A plausible e-mail address in lower case; null if invalid. */
export function normaliseEmail(value: string): string | null {
  const email = value.normalize('NFKC').trim().toLowerCase();
  return /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/u.test(email) && email.length <= 254
    ? email
    : null;
}

/** A WeChat id: 6–20 letters, digits, "_" or "-", starting with a letter (or a bound mobile number); null if invalid. */
export function normaliseWechat(value: string): string | null {
  const id = value.normalize('NFKC').trim();
  if (/^[a-zA-Z][a-zA-Z0-9_-]{5,19}$/.test(id)) return id;
  return normaliseMobile(id);
}

export type ContactChannel = 'mobile' | 'landline' | 'email' | 'address' | 'wechat';

/**
 * Normalises a contact value for its channel. Returns the stored value and the search key
 * (`normalised`), or a reason the value is invalid.
 */
export function normaliseContact(channel: ContactChannel, value: string): { ok: true; value: string; normalised: string } | { ok: false; reason: FieldProblem } {
  switch (channel) {
    case 'mobile': {
      const mobile = normaliseMobile(value);
      return mobile ? { ok: true, value: mobile, normalised: mobile } : { ok: false, reason: rule('mobile_format', 'must be an 11-digit mainland mobile number (1[3-9]…), optionally with +86') };
    }
    case 'landline': {
      const landline = normaliseLandline(value);
      return landline ? { ok: true, value: landline, normalised: landline.replace(/-/g, '') } : { ok: false, reason: rule('landline_format', 'must be a landline number with area code, e.g. 0571-88886666') };
    }
    case 'email': {
      const email = normaliseEmail(value);
      return email ? { ok: true, value: email, normalised: email } : { ok: false, reason: rule('invalid_email', 'must be a valid e-mail address') };
    }
    case 'wechat': {
      const id = normaliseWechat(value);
      return id ? { ok: true, value: id, normalised: id.toLowerCase() } : { ok: false, reason: rule('wechat_format', 'must be a WeChat id (6–20 letters, digits, "_" or "-", starting with a letter) or a mobile number') };
    }
    case 'address': {
      const address = normaliseText(value);
      return address.length >= 4 ? { ok: true, value: address, normalised: address } : { ok: false, reason: rule('address_too_short', 'address is too short') };
    }
  }
}

// ─── Names ────────────────────────────────────────────────────────────────────────────────────

/** Full pinyin (`zhangsan`) and initials (`zs`) of a name, lower case, for prefix search. */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true })
    .flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/u))
    .filter((s) => s !== '');
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}

/** Bank account digits (spaces and dashes removed); null if not 8–30 digits. */
export function normaliseBankAccount(value: string): string | null {
  const digits = value.normalize('NFKC').replace(/[\s-]/gu, '');
  return /^\d{8,30}$/.test(digits) ? digits : null;
}

/** Age in whole years on `today` for a birth date. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
