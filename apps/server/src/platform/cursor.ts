import { fieldError, rule } from './errors.ts';

/** Keyset cursor of a list ordered by (instant, id): opaque to clients. */
export const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

/** Reads a cursor this API returned; anything else is a 400 on `querystring.cursor`. */
export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(at.getTime())) throw fieldError('querystring.cursor', rule('invalid_cursor', 'is not a cursor this list returned'));
  return { at, id };
}
