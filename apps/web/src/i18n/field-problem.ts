import type { TFieldParams, TFieldRule } from '@anxin/contracts';
import { formatFen, formatNumber } from '../format.ts';
import { zhCN } from './zh-CN.ts';

/** What the console needs of a field error (a problem's `errors[]` item or an import row error). */
export interface FieldProblemLike {
  field?: string | null;
  message: string;
  rule?: TFieldRule | undefined;
  params?: TFieldParams | undefined;
  /** The error code, where the problem carries one (import row errors). */
  code?: string | undefined;
}

export type FieldType = keyof typeof zhCN.fieldTypes;
const isFieldType = (value: string): value is FieldType => Object.hasOwn(zhCN.fieldTypes, value);

/**
 * The params of a field error as its rule's text shows them: money in yuan, kinds of value
 * translated, large numbers grouped, and the server's English `message` (for the few rules whose
 * text quotes it). Policy statuses (params named `…PolicyStatus`) by their names. Money is recognised by name: a param named `…Fen` (shown without the suffix), or
 * the bounds of a field named `…Fen`.
 */
export function fieldProblemParams(problem: FieldProblemLike, locale: string, typeName: (type: FieldType) => string, policyStatusName: (status: string) => string = (s) => s): Record<string, string> {
  const moneyField = /Fen$/.test(problem.field ?? '');
  const shown: Record<string, string> = { message: problem.message };
  for (const [key, value] of Object.entries(problem.params ?? {})) {
    if (key.endsWith('Fen')) shown[key.slice(0, -'Fen'.length)] = formatFen(value, locale);
    else if (moneyField && (key === 'minimum' || key === 'maximum')) shown[key] = formatFen(value, locale);
    else if (key === 'expected' && typeof value === 'string' && isFieldType(value)) shown[key] = typeName(value);
    else if (/PolicyStatus$|^policyStatus$/.test(key)) shown[key] = policyStatusName(String(value));
    else shown[key] = typeof value === 'number' && Math.abs(value) >= 10_000 ? formatNumber(value, locale) : String(value);
  }
  return shown;
}
