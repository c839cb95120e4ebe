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
