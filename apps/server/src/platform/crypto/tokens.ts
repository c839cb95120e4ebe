import { createHmac, randomBytes } from 'node:crypto';

/** A URL-safe random token with 256 bits of entropy. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** HMAC-SHA256 of a token with the server's secret: what is stored instead of the token. */
export function hashToken(token: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
