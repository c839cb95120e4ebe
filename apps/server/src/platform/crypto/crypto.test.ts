import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './field-encryption.ts';
import { maskEmail, maskIdNumber, maskMobile } from './masking.ts';
import { DUMMY_PASSWORD_HASH, checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password.ts';
import { generateToken, hashToken } from './tokens.ts';

const key = (fill: number) => Buffer.alloc(32, fill);

const password = 'correct-horse-42';
const stored = await hashPassword(password);

describe('password hashing (scrypt)', () => {

  it('stores scheme, parameters, salt and hash, never the password', () => {
    const parts = stored.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(64);
    expect(stored).not.toContain(password);
  });

  it('verifies the right password and rejects others', async () => {
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword('correct-horse-43', stored)).toBe(false);
    expect(await verifyPassword('Correct-horse-42', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password never hashes the same twice', async () => {
    const again = await hashPassword(password);
    expect(again).not.toBe(stored);
    expect(await verifyPassword(password, again)).toBe(true);
  });

  it('normalises Unicode (NFKC), so full-width input matches what was set', async () => {
    const fullWidth = 'ｃｏｒｒｅｃｔ－ｈｏｒｓｅ－４２';
    expect(fullWidth).not.toBe(password);
    expect(await verifyPassword(fullWidth, stored)).toBe(true);
    const chinese = await hashPassword('安心保险2026口令');
    expect(await verifyPassword('安心保险2026口令', chinese)).toBe(true);
    expect(await verifyPassword('安心保险2026口今', chinese)).toBe(false);
  });

  it('reads the cost parameters from the stored hash, so they can be raised later', async () => {
    const [, , r, p, salt] = stored.split('$');
    // A hash made with N=2^14 (as an older release might have) still verifies.
    const older = ['scrypt', 16384, r, p, salt, scryptSync(password, Buffer.from(salt!, 'base64'), 64, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
    expect(await verifyPassword(password, older)).toBe(true);
  });

  it('rejects malformed or foreign hashes instead of throwing', async () => {
    for (const bad of ['', 'plaintext', 'bcrypt$10$abc', 'scrypt$32768$8$1$onlysalt', '$2b$10$abcdefghijklmnopqrstuv']) {
      expect(await verifyPassword(password, bad)).toBe(false);
    }
  });

  it('the dummy hash used for unknown usernames never matches', async () => {
    for (const attempt of ['', password, 'anything-123']) expect(await verifyPassword(attempt, DUMMY_PASSWORD_HASH)).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['abcdefgh12', []],
    ['长城长城长城长城a1', []],
    ['abc12', ['password_too_short']],
    ['abcdefghijk', ['password_letters_digits']],
    ['1234567890', ['password_letters_digits']],
    ['short', ['password_too_short', 'password_letters_digits']],
  ] as const)('%s → %j', (password, rules) => {
    expect(checkPasswordPolicy(password).map((p) => p.rule)).toEqual(rules);
  });

  it('says what is wrong in English and as a rule with its params', () => {
    expect(checkPasswordPolicy('abc12')).toEqual([{ rule: 'password_too_short', message: 'must have at least 10 characters', params: { minimum: 10 } }]);
  });

  it('refuses a password containing the username, in any case', () => {
    expect(checkPasswordPolicy('Zhang.San-2026', 'zhang.san')).toEqual([{ rule: 'password_has_username', message: 'must not contain the username' }]);
    expect(checkPasswordPolicy('other-secret-2026', 'zhang.san')).toEqual([]);
  });

  it('generatePassword always satisfies the policy and avoids look-alike characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const generated = generatePassword();
      expect(generated).toHaveLength(14);
      expect(checkPasswordPolicy(generated)).toEqual([]);
      expect(generated).not.toMatch(/[0O1lI]/);
      seen.add(generated);
    }
    expect(seen.size).toBe(500);
    expect(generatePassword(24)).toHaveLength(24);
  });
});

describe('field encryption (AES-256-GCM)', () => {
  const cipher = createFieldCipher({ k1: key(1) }, 'k1', key(9));

  it('round-trips text, including Chinese and the empty string', () => {
    for (const value of ['330106199001011234', '张三 / 浙江省杭州市西湖区', '', 'a:b:c']) {
      expect(cipher.decrypt(cipher.encrypt(value))).toBe(value);
    }
  });

  it('stores keyId:iv:tag:ciphertext with a fresh IV each time, never the plaintext', () => {
    const a = cipher.encrypt('330106199001011234');
    const b = cipher.encrypt('330106199001011234');
    expect(a).not.toBe(b);
    const [keyId, iv, tag, ciphertext] = a.split(':');
    expect(keyId).toBe('k1');
    expect(Buffer.from(iv!, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64')).toHaveLength(16);
    expect(ciphertext).not.toContain('330106');
    expect(Buffer.from(ciphertext!, 'base64').toString('utf8')).not.toContain('330106');
  });

  it('rotates keys: new values use the active key, old values still decrypt with theirs', () => {
    const oldValue = cipher.encrypt('bank account 6222 0000 1111');
    const rotated = createFieldCipher({ k1: key(1), k2: key(2) }, 'k2', key(9));
    const newValue = rotated.encrypt('bank account 6222 0000 1111');
    expect(newValue.startsWith('k2:')).toBe(true);
    expect(rotated.decrypt(oldValue)).toBe('bank account 6222 0000 1111');
    expect(rotated.decrypt(newValue)).toBe('bank account 6222 0000 1111');
    // Once k1 is retired, its values can no longer be read (re-encrypt them before retiring a key).
    const retired = createFieldCipher({ k2: key(2) }, 'k2', key(9));
    expect(retired.decrypt(newValue)).toBe('bank account 6222 0000 1111');
    expect(() => retired.decrypt(oldValue)).toThrow(/key is missing/);
  });

  it('detects tampering (GCM authentication): ciphertext, tag, IV or a swapped key', () => {
    const stored = cipher.encrypt('diagnosis: hypertension');
    const [keyId, iv, tag, ciphertext] = stored.split(':') as [string, string, string, string];
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] = buf[0]! ^ 0x01;
      return buf.toString('base64');
    };
    expect(() => cipher.decrypt([keyId, iv, tag, flip(ciphertext)].join(':'))).toThrow();
    expect(() => cipher.decrypt([keyId, iv, flip(tag), ciphertext].join(':'))).toThrow();
    expect(() => cipher.decrypt([keyId, flip(iv), tag, ciphertext].join(':'))).toThrow();
    const otherKeyUnderSameId = createFieldCipher({ k1: key(7) }, 'k1', key(9));
    expect(() => otherKeyUnderSameId.decrypt(stored)).toThrow();
  });

  it('refuses malformed values and an unknown active key', () => {
    expect(() => cipher.decrypt('not-encrypted')).toThrow(/malformed/);
    expect(() => cipher.decrypt('k9:a:b:c')).toThrow(/key is missing/);
    expect(() => createFieldCipher({ k1: key(1) }, 'k2', key(9))).toThrow(/Unknown active field key id k2/);
  });

  it('blind index: deterministic, keyed, and different for different values', () => {
    const again = createFieldCipher({ k2: key(2) }, 'k2', key(9)); // field keys do not matter
    const otherIndexKey = createFieldCipher({ k1: key(1) }, 'k1', key(8));
    const id = '330106199001011234';
    expect(cipher.blindIndex(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex(id)).toBe(cipher.blindIndex(id));
    expect(again.blindIndex(id)).toBe(cipher.blindIndex(id));
    expect(otherIndexKey.blindIndex(id)).not.toBe(cipher.blindIndex(id));
    expect(cipher.blindIndex('330106199001011235')).not.toBe(cipher.blindIndex(id));
    expect(cipher.blindIndex(id)).not.toContain(id);
  });
});

describe('tokens', () => {
  it('generates URL-safe tokens with 256 bits of entropy, never repeating', () => {
    const tokens = Array.from({ length: 200 }, () => generateToken());
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(200);
  });

  it('hashes tokens with an HMAC of the server secret', () => {
    expect(hashToken('abc', key(1))).toBe(hashToken('abc', key(1)));
    expect(hashToken('abc', key(1))).not.toBe(hashToken('abc', key(2)));
    expect(hashToken('abc', key(1))).not.toBe(hashToken('abd', key(1)));
    expect(hashToken('abc', key(1))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+8613812345678', '+86****5678'],
    ['1234567', '123****4567'],
    ['123456', '****'],
    ['', ''],
  ])('maskMobile(%s) → %s', (input, masked) => {
    expect(maskMobile(input)).toBe(masked);
  });

  it.each([
    ['zhang.san@example.com', 'z***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
    ['@example.com', '***'],
    ['no-at-sign', '***'],
  ])('maskEmail(%s) → %s', (input, masked) => {
    expect(maskEmail(input)).toBe(masked);
  });

  it.each([
    ['330106199001011234', '330106********1234'],
    ['33010619900101123X', '330106********123X'],
    ['H12345678', '*********'],
    ['1234567890', '**********'],
    ['12345678901', '123456*8901'],
  ])('maskIdNumber(%s) → %s', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });

  it('passes null through', () => {
    expect(maskMobile(null)).toBeNull();
    expect(maskEmail(null)).toBeNull();
    expect(maskIdNumber(null)).toBeNull();
  });
});
