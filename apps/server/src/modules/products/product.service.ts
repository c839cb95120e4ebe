import type { TCoverage, TCreateProductRequest, TProductListQuery, TUpdateProductRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { DEFAULT_COOLING_OFF_DAYS, firstDuplicateCode } from './product-rules.ts';
import { mayManageProducts, mayReadProducts } from './product.policy.ts';
import {
  findProductByCode as findProductRowByCode,
  findProductById,
  insertProducts,
  listProducts as listProductRows,
  updateProduct as updateProductRow,
} from './product.repository.ts';

type CoverageInput = TCreateProductRequest['coverages'][number];
type DocumentInput = NonNullable<TCreateProductRequest['claimDocuments']>[number];

const normaliseCoverages = (coverages: readonly CoverageInput[]): TCoverage[] =>
  coverages.map((c) => ({
    code: c.code,
    name: c.name,
    sumInsuredLimitFen: c.sumInsuredLimitFen ?? null,
    deductibleFen: c.deductibleFen ?? 0,
    reimbursementPct: c.reimbursementPct ?? 100,
  }));

const normaliseDocuments = (documents: readonly DocumentInput[]) => documents.map((d) => ({ code: d.code, name: d.name, required: d.required ?? true }));

function checkUniqueCodes(coverages: readonly { code: string }[] | undefined, documents: readonly { code: string }[] | undefined) {
  const c = coverages ? firstDuplicateCode(coverages) : -1;
  if (c >= 0) throw fieldError(`body.coverages.${c}.code`, rule('listed_twice', `coverage code ${coverages![c]!.code} is used twice`, { value: coverages![c]!.code }));
  const d = documents ? firstDuplicateCode(documents) : -1;
  if (d >= 0) throw fieldError(`body.claimDocuments.${d}.code`, rule('listed_twice', `document code ${documents![d]!.code} is used twice`, { value: documents![d]!.code }));
}

/** The product catalogue, filtered by line, active flag or a name/code fragment. */
export async function listProducts(deps: ModuleDeps, actor: Actor, query: TProductListQuery) {
  if (!mayReadProducts(actor)) throw forbidden('You may not view the product catalogue');
  return listProductRows(deps.db, query);
}

/** One product of the catalogue. */
export async function getProduct(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadProducts(actor)) throw forbidden('You may not view the product catalogue');
  const row = await findProductById(deps.db, id);
  if (!row) throw notFound('Product');
  return row;
}

/** Adds a product to the company-wide catalogue; cooling-off days default by line. */
export async function createProduct(deps: ModuleDeps, actor: Actor, input: TCreateProductRequest) {
  if (!mayManageProducts(actor)) throw forbidden('You may not change the product catalogue');
  checkUniqueCodes(input.coverages, input.claimDocuments);
  return inTransaction(deps.db, async (tx) => {
    if (await findProductRowByCode(tx, input.code)) throw fieldError('body.code', rule('duplicate', `product code ${input.code} is already used`, { value: input.code }), 'DUPLICATE');
    const id = newId();
    await insertProducts(tx, [
      {
        id,
        code: input.code,
        name: input.name,
        line: input.line,
        risk_level: input.riskLevel,
        coverages: JSON.stringify(normaliseCoverages(input.coverages)),
        waiting_days: input.waitingDays ?? 0,
        cooling_off_days: input.coolingOffDays ?? DEFAULT_COOLING_OFF_DAYS[input.line],
        term_months: input.termMonths ?? null,
        claim_documents: JSON.stringify(normaliseDocuments(input.claimDocuments ?? [])),
        description: input.description ?? null,
      },
    ]);
    await recordAuditEvent(tx, actor, { action: 'product.changed', entityType: 'product', entityId: id, data: { created: true, code: input.code, line: input.line } });
    return (await findProductById(tx, id))!;
  });
}

/** Changes a product (optimistic concurrency); deactivating stops its use on new policies. */
export async function updateProduct(deps: ModuleDeps, actor: Actor, id: string, input: TUpdateProductRequest) {
  if (!mayManageProducts(actor)) throw forbidden('You may not change the product catalogue');
  checkUniqueCodes(input.coverages, input.claimDocuments);
  return inTransaction(deps.db, async (tx) => {
    if (!(await findProductById(tx, id))) throw notFound('Product');
    const updated = await updateProductRow(tx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.riskLevel !== undefined ? { risk_level: input.riskLevel } : {}),
      ...(input.coverages !== undefined ? { coverages: JSON.stringify(normaliseCoverages(input.coverages)) } : {}),
      ...(input.waitingDays !== undefined ? { waiting_days: input.waitingDays } : {}),
      ...(input.coolingOffDays !== undefined ? { cooling_off_days: input.coolingOffDays } : {}),
      ...(input.termMonths !== undefined ? { term_months: input.termMonths } : {}),
      ...(input.claimDocuments !== undefined ? { claim_documents: JSON.stringify(normaliseDocuments(input.claimDocuments)) } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    if (!updated) throw versionConflict('Product');
    await recordAuditEvent(tx, actor, {
      action: 'product.changed',
      entityType: 'product',
      entityId: id,
      data: { changed: Object.keys(input).filter((k) => k !== 'version'), ...(input.active !== undefined ? { active: input.active } : {}) },
    });
    return (await findProductById(tx, id))!;
  });
}

/** The product with this code, for imports and other modules (no permission check; reference data). */
export async function findProductByCode(deps: ModuleDeps, code: string) {
  return findProductRowByCode(deps.db, code.trim().toUpperCase());
}

/** The product with this id, for the policies module (no permission check; reference data). */
export async function findProduct(deps: ModuleDeps, id: string) {
  return findProductById(deps.db, id);
}
