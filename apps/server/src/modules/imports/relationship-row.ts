import type { TRelationshipType } from '@anxin/contracts';
import { DomainError, rule } from '../../platform/errors.ts';
import { addRelationship, addRelationships } from '../customers/index.ts';
import type { ChunkOutcome, ImportRecord, RowHandler } from './import-runner.ts';
import { parseChoice, rowFieldError, rowProblems } from './import-values.ts';
import { partiesOfChunk, partiesOneByOne, sideRefs, type Parties } from './row-lookups.ts';

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
    const { customerId, relatedId, type } = await pairOf(record, partiesOneByOne(deps, actor));
    try {
      // addRelationship is idempotent: a known pair comes back with `created: false`.
      const { created } = await addRelationship(deps, actor, customerId, { relatedCustomerId: relatedId, type });
      return created ? 'created' : 'skipped';
    } catch (error) {
      throw remapErrors(error);
    }
  },

  /** New links in bulk (`addRelationships`); a pair met again in the chunk (either way round) goes one by one. */
  async writeChunk(deps, actor, records) {
    const outcomes: ChunkOutcome[] = new Array(records.length);
    const parties = await partiesOfChunk(deps, actor, sideRefs(records, ['customer', 'related']));
    const seen = new Set<string>();
    const linking: { index: number; pair: { customerId: string; relatedCustomerId: string; type: TRelationshipType } }[] = [];
    for (const [i, record] of records.entries()) {
      try {
        const { customerId, relatedId, type } = await pairOf(record, parties);
        const key = [customerId, relatedId].sort().join('|');
        if (seen.has(key)) outcomes[i] = 'one_by_one';
        else {
          seen.add(key);
          linking.push({ index: i, pair: { customerId, relatedCustomerId: relatedId, type } });
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[i] = error;
      }
    }
    const linked = await addRelationships(deps, actor, linking.map((l) => l.pair));
    linked.forEach((outcome, j) => (outcomes[linking[j]!.index] = outcome instanceof DomainError ? (remapErrors(outcome) as DomainError) : outcome));
    return outcomes;
  },
  fieldOf: (field) => field,
};

/** The row's two customers and type; throws one DomainError carrying every problem of the row. */
async function pairOf(record: ImportRecord, parties: Parties) {
  const { add, collect, throwIfAny } = rowProblems();
  const type = record.type ? await collect(() => parseChoice('type', record.type!, TYPES)) : undefined;
  if (!record.type) add(rowFieldError('type', rule('required', 'type is required')));
  const customerId = await collect(() => findParty(parties, record, 'customer'));
  const relatedId = await collect(() => findParty(parties, record, 'related'));
  throwIfAny();
  if (!type || !customerId || !relatedId) throw rowFieldError('type', rule('required', 'type is required'));
  return { customerId, relatedId, type };
}

/** The customers module's field paths as import fields. */
function remapErrors(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return new DomainError(error.code, error.message, error.errors.length > 0 ? error.errors.map((e) => ({ ...e, field: e.field.includes('type') ? 'type' : 'relatedExternalId' })) : [{ field: 'type', message: error.message, code: error.code, rule: 'invalid' as const }]);
}

/** The customer of one side of the row, by external id, else by ID number; must be in the actor's scope. */
async function findParty(parties: Parties, record: ImportRecord, side: 'customer' | 'related'): Promise<string> {
  const externalField = `${side}ExternalId`;
  const idNumberField = `${side}IdNumber`;
  const externalId = record[externalField];
  const idNumber = record[idNumberField];
  if (!externalId && !idNumber) throw rowFieldError(externalField, rule('customer_key_required', `${side === 'customer' ? 'the customer' : 'the related customer'}: give an external id or an ID number`));
  return parties.find(externalId ? externalField : idNumberField, externalId, idNumber);
}
