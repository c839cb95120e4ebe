import type { TPolicySort } from '@anxin/contracts';
import { fieldError, rule } from '../../platform/errors.ts';

/** A keyset position: the sort value (instant or date) and id of a page's last row. */
export interface PolicyCursor {
  value: string;
  id: string;
}

/** Opaque cursor text (base64url JSON) for `nextCursor`. */
export const encodePolicyCursor = (cursor: PolicyCursor) => Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');

const VALUE_PATTERN = {
  createdAt: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  effectiveOn: /^\d{4}-\d{2}-\d{2}$/,
  expiresOn: /^\d{4}-\d{2}-\d{2}$/,
} as const;

/** Reads a cursor back; a tampered one, or one from another sort order, is a 400 on `querystring.cursor`. */
export function decodePolicyCursor(text: string, sort: TPolicySort): PolicyCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const pattern = VALUE_PATTERN[sort.replace('-', '') as keyof typeof VALUE_PATTERN];
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && /^[0-9a-f-]{36}$/i.test(parsed[1]) && pattern.test(parsed[0])) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw fieldError('querystring.cursor', rule('invalid_cursor', 'is not a cursor from a previous page of this list'));
}
