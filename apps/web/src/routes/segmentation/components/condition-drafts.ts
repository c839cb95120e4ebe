import type { TCondition, TSegmentationField } from '@anxin/contracts';
import type { ConditionValue, TConditionOp } from './segmentation-labels.ts';

/** A condition as the builder holds it while the user fills it in (each part may still be missing). */
export interface DraftCondition {
  key: string;
  field: string | null;
  op: TConditionOp | null;
  value: ConditionValue | null;
}

let counter = 0;
const nextKey = () => `c${++counter}`;

export const newDraft = (): DraftCondition => ({ key: nextKey(), field: null, op: null, value: null });

export const draftsOf = (conditions: readonly TCondition[]): DraftCondition[] => conditions.map((c) => ({ key: nextKey(), field: c.field, op: c.op, value: c.value }));

/** Whether a condition's value has the shape its operator needs (a pair for between, a list for in). */
export function isValueComplete(op: TConditionOp, value: ConditionValue | null): boolean {
  if (value === null || value === undefined) return false;
  if (op === 'between') return Array.isArray(value) && value.length === 2 && value.every((v) => v !== null && v !== undefined && v !== '');
  if (op === 'in') return Array.isArray(value) && value.length > 0;
  if (Array.isArray(value)) return false;
  return value !== '';
}

/** The conditions to send, or null while any of them is incomplete. */
export function conditionsOf(drafts: readonly DraftCondition[]): TCondition[] | null {
  const conditions: TCondition[] = [];
  for (const d of drafts) {
    if (!d.field || !d.op || !isValueComplete(d.op, d.value)) return null;
    conditions.push({ field: d.field, op: d.op, value: d.value! });
  }
  return conditions;
}

/** The value a field starts with when chosen (or when its operator changes shape). */
export function initialValueOf(field: Pick<TSegmentationField, 'type' | 'values'>, op: TConditionOp): ConditionValue | null {
  if (op === 'in') return [];
  if (op === 'between') return null;
  if (field.type === 'boolean') return true;
  return null;
}
