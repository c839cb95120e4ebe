import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { type FieldProblem, rule } from '../errors.ts';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

// OWASP-recommended scrypt cost (N=2^17, r=8, p=1) needs 128 MiB per hash; 2^15 keeps logins fast
// on small machines while staying well above the 2^14 minimum. Parameters travel with the hash.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 64 } as const;

/** Hashes a password with scrypt: `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/** A hash that never matches, compared against when the username is unknown (same timing). */
export const DUMMY_PASSWORD_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64');

/**
 * Password policy: at least 10 characters with letters and digits, not containing the username.
 * @returns the list of problems (empty when the password is acceptable).
 */
export function checkPasswordPolicy(password: string, username?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (password.length < 10) problems.push(rule('password_too_short', 'must have at least 10 characters', { minimum: 10 }));
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) problems.push(rule('password_letters_digits', 'must contain letters and digits'));
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push(rule('password_has_username', 'must not contain the username'));
  return problems;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random one-time password that satisfies the policy (no look-alike characters). */
export function generatePassword(length = 14): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (checkPasswordPolicy(out).length === 0) return out;
  }
}
