import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM encryption of sensitive fields (ID numbers, health data, bank accounts).
 * Stored form: `<keyId>:<iv b64>:<tag b64>:<ciphertext b64>` so keys can rotate: new values use
 * the active key, old values still decrypt with theirs.
 */
export interface FieldCipher {
  encrypt(plaintext: string): string;
  decrypt(stored: string): string;
  /** Deterministic HMAC used to find a record by an encrypted value without decrypting. */
  blindIndex(normalisedValue: string): string;
}

export function createFieldCipher(keys: Record<string, Buffer>, activeKeyId: string, blindIndexKey: Buffer): FieldCipher {
  const active = keys[activeKeyId];
  if (!active) throw new Error(`Unknown active field key id ${activeKeyId}`);
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [activeKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
    },
    decrypt(stored) {
      const [keyId, iv, tag, ciphertext] = stored.split(':');
      const key = keyId ? keys[keyId] : undefined;
      if (!key || !iv || !tag || ciphertext === undefined) throw new Error('Encrypted value is malformed or its key is missing');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    },
    blindIndex(normalisedValue) {
      return createHmac('sha256', blindIndexKey).update(normalisedValue).digest('hex');
    },
  };
}
