/**
 * Rows read as a JSON column (`json_agg` of a child list riding on its parent's statement) with their
 * timestamp columns turned back into `Date`, as the drivers return them for a plain select: JSON has
 * no timestamp type and carries them as ISO strings. Dates (`YYYY-MM-DD`), numbers, booleans and
 * JSON values come through JSON as the type parsers return them (int8 as a number: JSON numbers are
 * the values PostgreSQL printed, exact below 2^53; numeric columns would come as numbers, not strings,
 * so such rows hold none).
 */
export function withDates<T>(rows: readonly Record<string, unknown>[], columns: readonly string[]): T[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const c of columns) {
      const v = row[c];
      if (typeof v === 'string') out[c] = new Date(v);
    }
    return out as T;
  });
}
