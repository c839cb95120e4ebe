/**
 * One set of type parsers for both drivers, so that PGlite and `pg` return the same JS types:
 * int8 → number (money in fen and counts stay exact below 2^53; larger values are an error),
 * numeric → string, date → 'YYYY-MM-DD' string, timestamp(tz) → Date, interval → string.
 * The driver contract suite (database.test.ts) pins this down.
 */
export const PG_TYPE = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  INTERVAL: 1186,
} as const;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

const parseTimestamp = (value: string): Date => new Date(value.includes('T') || /[+-]\d\d(:?\d\d)?$/.test(value) ? value : `${value}Z`);

export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  [PG_TYPE.INT8]: parseInt8,
  [PG_TYPE.NUMERIC]: (v) => v,
  [PG_TYPE.DATE]: (v) => v,
  [PG_TYPE.TIMESTAMP]: parseTimestamp,
  [PG_TYPE.TIMESTAMPTZ]: (v) => new Date(v),
  [PG_TYPE.INTERVAL]: (v) => v,
};
