import type { TRelationshipType } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { addRelationship, findCustomerIdByExternalId, findCustomerIdByIdNumber, getVisibleCustomer } from '../customers/index.ts';
import type { ImportRecord, RowHandler } from './import-runner.ts';
import { parseChoice, rowFieldError } from './import-values.ts';

const TYPES: Record<TRelationshipType, readonly string[]> = {
  spouse: ['配偶', '夫妻', '丈夫', '妻子', '夫', '妻'],
  child: ['子女', '儿子', '女儿', '孩子', '子', '女'],
  parent: ['父母', '父亲', '母亲', '父', '母'],
  employer: ['雇主', '工作单位', '单位'],
  employee: ['雇员', '员工', '职工'],
  other: ['其他', '其它'],
};

/**
 * A relationships row: "the related customer is the customer's <type>", both customers found by
 * external id or ID number; stored both ways by the customers module. Re-importing a pair does not
 * duplicate it.
 */
export const relationshipRowHandler: RowHandler = {
  kind: 'relationships',
  tables: ['relationship'],
  async writeRow(deps, actor, record) {
    const problems: DomainError[] = [];
    const collect = async <T>(work: () => Promise<T> | T): Promise<T | undefined> => {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push(error);
        return undefined;
      }
    };
    const type = record.type ? await collect(() => parseChoice('type', record.type!, TYPES)) : undefined;
    if (!record.type) problems.push(rowFieldError('type', 'type is required'));
    const customerId = await collect(() => findParty(deps, actor, record, 'customer'));
    const relatedId = await collect(() => findParty(deps, actor, record, 'related'));
    if (problems.length > 0 || !type || !customerId || !relatedId) {
      throw new DomainError(problems[0]?.code ?? 'VALIDATION_FAILED', problems.map((p) => p.message).join('; '), problems.flatMap((p) => p.errors));
    }
    try {
      // addRelationship is idempotent: a known pair comes back with `created: false`.
      const { created } = await addRelationship(deps, actor, customerId, { relatedCustomerId: relatedId, type });
      return created ? 'created' : 'skipped';
    } catch (error) {
      if (error instanceof DomainError) {
        throw new DomainError(error.code, error.message, error.errors.length > 0 ? error.errors.map((e) => ({ ...e, field: e.field.includes('type') ? 'type' : 'relatedExternalId' })) : [{ field: 'type', message: error.message, code: error.code }]);
      }
      throw error;
    }
  },
  fieldOf: (field) => field,
};

/** The customer of one side of the row, by external id, else by ID number; must be in the actor's scope. */
async function findParty(deps: ModuleDeps, actor: Actor, record: ImportRecord, side: 'customer' | 'related'): Promise<string> {
  const externalField = `${side}ExternalId`;
  const idNumberField = `${side}IdNumber`;
  const externalId = record[externalField];
  const idNumber = record[idNumberField];
  if (!externalId && !idNumber) throw rowFieldError(externalField, `${side === 'customer' ? 'the customer' : 'the related customer'}: give an external id or an ID number`);
  const id = externalId ? await findCustomerIdByExternalId(deps, externalId) : await findCustomerIdByIdNumber(deps, idNumber!);
  const field = externalId ? externalField : idNumberField;
  if (!id) throw rowFieldError(field, `no customer with this ${externalId ? 'external id' : 'ID number'}`, 'NOT_FOUND');
  try {
    await getVisibleCustomer(deps, actor, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw rowFieldError(field, 'the customer is outside your data scope', 'NOT_FOUND');
    throw error;
  }
  return id;
}
