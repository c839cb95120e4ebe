// Contracts of the products module: product lines, products and their coverages (险种 / 产品 / 责任).
import { z } from 'zod';
import { ZId, ZInstant, ZVersion } from './common.ts';

/** Product lines (险种大类), as in shared/domain/glossary.md. */
export const PRODUCT_LINES = [
  'life',
  'critical_illness',
  'medical',
  'accident',
  'annuity',
  'motor_compulsory',
  'motor_commercial',
  'property',
  'liability',
] as const;
export const ZProductLine = z.enum(PRODUCT_LINES);
export type TProductLine = z.infer<typeof ZProductLine>;

/** Product risk level for suitability checks (R1 lowest … R5 highest). */
export const RISK_LEVELS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export const ZRiskLevel = z.enum(RISK_LEVELS);
export type TRiskLevel = z.infer<typeof ZRiskLevel>;

/** One coverage (责任) of a product; money in fen, ratio in percent (0–100). */
export const ZCoverage = z.object({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  /** Highest sum insured a policy may carry for this coverage (fen); null = no product limit. */
  sumInsuredLimitFen: z.number().int().min(0).nullable().default(null),
  deductibleFen: z.number().int().min(0).default(0),
  /** Share of a covered loss the insurer pays, in percent. */
  reimbursementPct: z.number().int().min(0).max(100).default(100),
});
export type TCoverage = z.infer<typeof ZCoverage>;

/** One item of the claim-document checklist (收单清单) of a product. */
export const ZClaimDocumentItem = z.object({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  required: z.boolean().default(true),
});
export type TClaimDocumentItem = z.infer<typeof ZClaimDocumentItem>;

/** Create a product in the company-wide catalogue. */
export const ZCreateProductRequest = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  line: ZProductLine,
  riskLevel: ZRiskLevel,
  coverages: z.array(ZCoverage).min(1).max(50),
  /** Days after the effective date during which claims are not covered (等待期). */
  waitingDays: z.number().int().min(0).max(730).default(0),
  /** Cooling-off days (犹豫期); when omitted the line's default applies (15 days for long-term life lines, else 0). */
  coolingOffDays: z.number().int().min(0).max(60).optional(),
  /** The usual term of cover in months (12 = one year, 240 = 20 years); a new policy's end date starts from it. */
  termMonths: z.number().int().min(1).max(1200).nullable().optional(),
  claimDocuments: z.array(ZClaimDocumentItem).max(50).default([]),
  description: z.string().trim().max(2000).optional(),
});
export type TCreateProductRequest = z.input<typeof ZCreateProductRequest>;

/** Change a product; `version` from the last read. Deactivating stops its use on new policies. */
export const ZUpdateProductRequest = z.object({
  version: ZVersion,
  name: z.string().trim().min(1).max(100).optional(),
  riskLevel: ZRiskLevel.optional(),
  coverages: z.array(ZCoverage).min(1).max(50).optional(),
  waitingDays: z.number().int().min(0).max(730).optional(),
  coolingOffDays: z.number().int().min(0).max(60).optional(),
  termMonths: z.number().int().min(1).max(1200).nullable().optional(),
  claimDocuments: z.array(ZClaimDocumentItem).max(50).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  active: z.boolean().optional(),
});
export type TUpdateProductRequest = z.input<typeof ZUpdateProductRequest>;

/** A product of the catalogue. */
export const ZProduct = z
  .object({
    id: ZId,
    code: z.string(),
    name: z.string(),
    line: ZProductLine,
    riskLevel: ZRiskLevel,
    coverages: z.array(ZCoverage),
    waitingDays: z.number().int(),
    coolingOffDays: z.number().int(),
    /** The usual term of cover in months; null when the product has none. */
    termMonths: z.number().int().nullable(),
    claimDocuments: z.array(ZClaimDocumentItem),
    description: z.string().nullable(),
    active: z.boolean(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    version: ZVersion,
  })
  .meta({ id: 'Product' });
export type TProduct = z.infer<typeof ZProduct>;

/** Catalogue filters (the catalogue is small: no paging). */
export const ZProductListQuery = z.object({
  line: ZProductLine.optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
});
export type TProductListQuery = z.infer<typeof ZProductListQuery>;

export const ZProductList = z.object({ items: z.array(ZProduct) });
export type TProductList = z.infer<typeof ZProductList>;
