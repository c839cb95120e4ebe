/**
 * Client-side copies of the server's validation rules (packages/contracts), so forms can say what is
 * wrong before a round trip. The server stays the authority.
 */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,39}$/;
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const ORG_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** The password policy: 10–128 characters with letters and digits, not containing the username. */
export function passwordProblem(password: string, username?: string): 'length' | 'complexity' | 'username' | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return 'length';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'complexity';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'username';
  return null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** Full-width digits/letters and stray spaces normalised, as the server does before validating. */
export function normaliseIdNumber(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/**
 * What is wrong with a mainland resident ID number (GB 11643: 17 digits + check character, a real
 * birth date), or null. A hint only: the server decides, and also checks it against birth date and gender.
 */
export function idNumberProblem(value: string): 'format' | 'birthDate' | 'checksum' | null {
  const id = normaliseIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthDate';
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(id[i]), 0);
  return ID_CHECK_CHARS[sum % 11] === id[17] ? null : 'checksum';
}

/** Birth date (`YYYY-MM-DD`) and gender derived from a valid ID number (17th digit odd = male). */
export function idNumberFacts(value: string): { birthDate: string; gender: 'male' | 'female' } | null {
  if (idNumberProblem(value) !== null) return null;
  const id = normaliseIdNumber(value);
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}
