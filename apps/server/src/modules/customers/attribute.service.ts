import type { TCreateAttributeDefinitionRequest, TUpdateAttributeDefinitionRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, fieldProblem, type FieldProblem, forbidden, notFound, rule, type RuledFieldError, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import {
  deleteAttributeDefinition as deleteDefinitionRow,
  findAttributeDefinition,
  findAttributeDefinitionByKey,
  insertAttributeDefinition,
  listAttributeDefinitions as listDefinitionRows,
  storedAttributeValues,
  updateAttributeDefinitionRow,
  type AttributeDefinitionRow,
} from './attribute.repository.ts';
import { normaliseText } from './customer-validation.ts';
import { mayManageAttributes, mayReadCustomers } from './customer.policy.ts';

export type AttributeValue = string | number | boolean;

/** Every custom attribute definition (anyone who reads customers sees them, to render forms and the 360 view). */
export async function listAttributeDefinitions(deps: ModuleDeps, actor: Actor) {
  if (!mayReadCustomers(actor) && !mayManageAttributes(actor)) throw forbidden('You may not view customer attributes');
  return listDefinitionRows(deps.db);
}

function checkOptions(type: string, options: readonly { value: string }[] | undefined) {
  if (type === 'enum') {
    if (!options || options.length === 0) throw fieldError('body.options', rule('enum_needs_options', 'an enum attribute needs at least one option'));
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o.value)) throw fieldError(`body.options.${i}.value`, rule('listed_twice', `option ${o.value} is listed twice`, { value: o.value }));
      seen.add(o.value);
    });
  } else if (options && options.length > 0) {
    throw fieldError('body.options', rule('options_enum_only', 'only enum attributes have options'));
  }
}

/**
 * A definition must accept the values customers already hold under its key: a key defined again
 * after a deletion brings its stored values back, and an option removed from an enum may still be
 * held. Otherwise those customers could no longer be saved (their values would fail validation).
 */
async function assertStoredValuesFit(tx: Executor, def: Pick<AttributeDefinitionRow, 'key' | 'type' | 'options'>, field: string) {
  let misfits = 0;
  for (const { value, customers } of await storedAttributeValues(tx, def.key)) if ('error' in coerceAttributeValue(def, value)) misfits += customers;
  if (misfits > 0) {
    throw fieldError(
      field,
      rule('stored_values_misfit', `${misfits} customer(s) hold values under ${def.key} that this definition would not accept; keep the type and options that fit them, or use another key`, { count: misfits }),
      'CUSTOMER_ATTRIBUTE_INVALID',
    );
  }
}

/** Defines a new typed custom attribute for customers (administrators). */
export async function createAttributeDefinition(deps: ModuleDeps, actor: Actor, input: TCreateAttributeDefinitionRequest) {
  if (!mayManageAttributes(actor)) throw forbidden('You may not define customer attributes');
  checkOptions(input.type, input.options);
  return inTransaction(deps.db, async (tx) => {
    if (await findAttributeDefinitionByKey(tx, input.key)) throw fieldError('body.key', rule('duplicate', `attribute ${input.key} already exists`, { value: input.key }), 'DUPLICATE');
    await assertStoredValuesFit(tx, { key: input.key, type: input.type, options: input.type === 'enum' ? (input.options ?? []) : [] }, 'body.type');
    const id = newId();
    const now = new Date();
    await insertAttributeDefinition(tx, {
      id,
      key: input.key,
      label_zh: input.labelZh,
      label_en: input.labelEn,
      type: input.type,
      options: JSON.stringify(input.type === 'enum' ? input.options : []),
      required: input.required ?? false,
      filterable: input.filterable ?? false,
      created_at: now,
      updated_at: now,
    });
    await recordAuditEvent(tx, actor, { action: 'customer_attribute.defined', entityType: 'customer_attribute_definition', entityId: id, data: { key: input.key, type: input.type, change: 'created' } });
    return (await findAttributeDefinition(tx, id))!;
  });
}

/** Changes labels, options and flags of an attribute (its key and type stay). */
export async function updateAttributeDefinition(deps: ModuleDeps, actor: Actor, id: string, input: TUpdateAttributeDefinitionRequest) {
  if (!mayManageAttributes(actor)) throw forbidden('You may not define customer attributes');
  return inTransaction(deps.db, async (tx) => {
    const current = await findAttributeDefinition(tx, id);
    if (!current) throw notFound('Customer attribute');
    if (input.options !== undefined) {
      checkOptions(current.type, input.options);
      await assertStoredValuesFit(tx, { key: current.key, type: current.type, options: input.options }, 'body.options');
    }
    const updated = await updateAttributeDefinitionRow(tx, id, input.version, {
      ...(input.labelZh !== undefined ? { label_zh: input.labelZh } : {}),
      ...(input.labelEn !== undefined ? { label_en: input.labelEn } : {}),
      ...(input.options !== undefined ? { options: JSON.stringify(input.options) } : {}),
      ...(input.required !== undefined ? { required: input.required } : {}),
      ...(input.filterable !== undefined ? { filterable: input.filterable } : {}),
    });
    if (!updated) throw versionConflict('Customer attribute');
    await recordAuditEvent(tx, actor, {
      action: 'customer_attribute.defined',
      entityType: 'customer_attribute_definition',
      entityId: id,
      data: { key: current.key, change: 'updated', changed: Object.keys(input).filter((k) => k !== 'version') },
    });
    return (await findAttributeDefinition(tx, id))!;
  });
}

/**
 * Removes an attribute definition. Values already stored stay in the customers' records but are no
 * longer shown, validated or filterable; defining the same key again (with a type and options that
 * accept them) brings them back.
 */
export async function deleteAttributeDefinition(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayManageAttributes(actor)) throw forbidden('You may not define customer attributes');
  await inTransaction(deps.db, async (tx) => {
    const current = await findAttributeDefinition(tx, id);
    if (!current) throw notFound('Customer attribute');
    await deleteDefinitionRow(tx, id);
    await recordAuditEvent(tx, actor, { action: 'customer_attribute.defined', entityType: 'customer_attribute_definition', entityId: id, data: { key: current.key, change: 'deleted' } });
  });
}

const invalid = (key: string, problem: FieldProblem): RuledFieldError => fieldProblem(`body.attributes.${key}`, problem);

/** Coerces one value to its attribute's type (imports hand in strings), or returns an error message. */
export function coerceAttributeValue(def: Pick<AttributeDefinitionRow, 'type' | 'options'>, raw: unknown): { value: AttributeValue } | { error: FieldProblem } {
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { error: rule('wrong_type', 'must be text', { expected: 'string' }) };
      const text = normaliseText(String(raw));
      return text.length > 500 ? { error: rule('too_long', 'must be at most 500 characters', { maximum: 500 }) } : { value: text };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(normaliseText(raw)) : Number.NaN;
      return Number.isFinite(n) ? { value: n } : { error: rule('wrong_type', 'must be a number', { expected: 'number' }) };
    }
    case 'date': {
      const text = typeof raw === 'string' ? normaliseText(raw) : '';
      const d = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
      return d && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text) ? { value: text } : { error: rule('invalid_date', 'must be a date YYYY-MM-DD') };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = typeof raw === 'string' ? normaliseText(raw).toLowerCase() : raw;
      if (text === 'true' || text === '是' || text === 'yes' || text === 'y' || text === '1' || text === 1) return { value: true };
      if (text === 'false' || text === '否' || text === 'no' || text === 'n' || text === '0' || text === 0) return { value: false };
      return { error: rule('wrong_type', 'must be true or false', { expected: 'boolean' }) };
    }
    case 'enum': {
      const text = typeof raw === 'string' ? normaliseText(raw) : String(raw);
      const options = def.options ?? [];
      return options.some((o) => o.value === text) ? { value: text } : { error: rule('not_one_of', `must be one of ${options.map((o) => o.value).join(', ')}`, { values: options.map((o) => o.value).join(', ') }) };
    }
  }
}

/**
 * Validates attribute values against the definitions and merges them into `existing` (`null`
 * removes a value). On create, every required attribute must be given.
 * @throws CUSTOMER_ATTRIBUTE_INVALID naming `body.attributes.<key>` for each bad value.
 */
export function mergeAttributeValues(
  defs: readonly AttributeDefinitionRow[],
  input: Record<string, unknown> | undefined,
  existing: Record<string, AttributeValue>,
  creating: boolean,
): Record<string, AttributeValue> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: RuledFieldError[] = [];
  const merged: Record<string, AttributeValue> = { ...existing };
  for (const [key, raw] of Object.entries(input ?? {})) {
    const def = byKey.get(key);
    if (!def) {
      errors.push(invalid(key, rule('unknown_field', 'is not a defined customer attribute', { keys: key })));
      continue;
    }
    if (raw === null || raw === undefined || raw === '') {
      if (def.required) errors.push(invalid(key, rule('required', 'is required')));
      delete merged[key];
      continue;
    }
    const result = coerceAttributeValue(def, raw);
    if ('error' in result) errors.push(invalid(key, result.error));
    else merged[key] = result.value;
  }
  if (creating) {
    for (const def of defs) if (def.required && merged[def.key] === undefined && !errors.some((e) => e.field === `body.attributes.${def.key}`)) errors.push(invalid(def.key, rule('required', 'is required')));
  }
  if (errors.length > 0) throw new DomainError('CUSTOMER_ATTRIBUTE_INVALID', 'Some custom attribute values are invalid', errors);
  return merged;
}

/**
 * Turns `attr.<key>=<value>` query parameters into JSON containment filters. Only filterable
 * attributes may be used; values are coerced to the attribute's type.
 */
export function attributeFilters(defs: readonly AttributeDefinitionRow[], query: Record<string, unknown>): Record<string, AttributeValue>[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const filters: Record<string, AttributeValue>[] = [];
  const errors: RuledFieldError[] = [];
  for (const [param, raw] of Object.entries(query)) {
    if (!param.startsWith('attr.') || typeof raw !== 'string') continue;
    const key = param.slice('attr.'.length);
    const def = byKey.get(key);
    if (!def || !def.filterable) {
      errors.push(def ? fieldProblem(`querystring.${param}`, rule('not_filterable', 'this attribute is not filterable')) : fieldProblem(`querystring.${param}`, rule('unknown_field', 'is not a defined customer attribute', { keys: key })));
      continue;
    }
    const result = coerceAttributeValue(def, raw);
    if ('error' in result) errors.push(fieldProblem(`querystring.${param}`, result.error));
    else filters.push({ [key]: result.value });
  }
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid attribute filter', errors);
  return filters;
}
