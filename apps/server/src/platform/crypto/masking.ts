/** Masks the middle of a mobile number: 138****5678. */
export function maskMobile(mobile: string | null): string | null {
  if (!mobile) return mobile;
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}

/** Masks the local part of an e-mail address: z***@example.com. */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Masks all but the first 6 and last 4 characters: 330106********1234. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
