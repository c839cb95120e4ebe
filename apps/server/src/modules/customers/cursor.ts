import { fieldError, rule } from '../../platform/errors.ts';

/** A keyset position: the sort value and id of the last row of a page. */
export interface Cursor {
  value: string;
  id: string;
}

/** Opaque cursor text (base64url JSON) for `nextCursor`. */
export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');

/** Reads a cursor back; a tampered or foreign one is a 400 on `querystring.cursor`. */
export function decodeCursor(text: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && /^[0-9a-f-]{36}$/i.test(parsed[1])) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw fieldError('querystring.cursor', rule('invalid_cursor', 'is not a cursor from a previous page'));
}
