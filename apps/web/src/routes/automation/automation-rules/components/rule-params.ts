import { fenToYuanText, parseYuanToFen } from '../../../../format.ts';

/** A rule parameter in fen (money) is shown and typed in yuan. */
export const isFenParam = (key: string) => key.endsWith('Fen');

export type ParamValue = number | number[];

export const isParamValue = (value: unknown): value is ParamValue =>
  typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'number'));

/** `30, 7` (commas, full-width commas or spaces) → [30, 7]; null when any part is not a whole number. */
export function parseNumberList(text: string): number[] | null {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const numbers = parts.map((p) => (/^-?\d+$/.test(p) ? Number(p) : NaN));
  return numbers.some(Number.isNaN) ? null : numbers;
}

/** The text an input shows for a parameter's value. */
export function paramInputText(key: string, value: ParamValue): string {
  if (Array.isArray(value)) return value.join(', ');
  return isFenParam(key) ? fenToYuanText(value) : String(value);
}

/** The value typed for a parameter, as the API takes it; null when it cannot be read. */
export function paramValueOf(key: string, original: ParamValue, text: string): ParamValue | null {
  if (Array.isArray(original)) return parseNumberList(text);
  if (isFenParam(key)) return parseYuanToFen(text);
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
}
