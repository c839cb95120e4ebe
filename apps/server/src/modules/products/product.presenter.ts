import type { TProduct } from '@anxin/contracts';
import type { ProductRow } from './product.repository.ts';

/** The product as the API shows it (whitelisted; the catalogue holds no personal data). */
export function presentProduct(row: ProductRow): TProduct {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    line: row.line,
    riskLevel: row.risk_level,
    coverages: row.coverages.map((c) => ({
      code: c.code,
      name: c.name,
      sumInsuredLimitFen: c.sumInsuredLimitFen ?? null,
      deductibleFen: c.deductibleFen ?? 0,
      reimbursementPct: c.reimbursementPct ?? 100,
    })),
    waitingDays: row.waiting_days,
    coolingOffDays: row.cooling_off_days,
    termMonths: row.term_months,
    claimDocuments: row.claim_documents.map((d) => ({ code: d.code, name: d.name, required: d.required })),
    description: row.description,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
