import { ZCustomerFilterQuery, ZPolicyFilterQuery, type TCustomerFilterQuery, type TPolicyFilterQuery } from '@anxin/contracts';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { listAttributeDefinitions, listCustomersForExport } from '../customers/index.ts';
import { listPolicies } from '../policies/index.ts';
import type { ExportColumn, ExportRow } from './export-writer.ts';

/** What can be exported. */
export const EXPORT_KINDS = ['customers', 'policies'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * One exportable list: its filters (the list's own query schema), its columns, and its rows in
 * batches. Rows come from the owning module's export reader, which masks personal data itself.
 */
export interface ExportSource {
  filterSchema: z.ZodType;
  columns(deps: ModuleDeps, actor: Actor): Promise<ExportColumn[]>;
  batches(deps: ModuleDeps, actor: Actor, filters: Record<string, unknown>): AsyncIterable<ExportRow[]>;
}

/** Customer columns; headers in Chinese (the console's default language) with the field name. */
const CUSTOMER_COLUMNS: ExportColumn[] = [
  { key: 'externalId', header: '外部编号 externalId' },
  { key: 'name', header: '姓名 name' },
  { key: 'kind', header: '客户类型 kind' },
  { key: 'gender', header: '性别 gender' },
  { key: 'birthDate', header: '出生日期 birthDate' },
  { key: 'idNumber', header: '证件号码(掩码) idNumber (masked)' },
  { key: 'mobile', header: '手机号(掩码) mobile (masked)' },
  { key: 'email', header: '邮箱(掩码) email (masked)' },
  { key: 'lifecycleStage', header: '客户阶段 lifecycleStage' },
  { key: 'tier', header: '客户等级 tier' },
  { key: 'orgUnitCode', header: '机构代码 orgUnitCode' },
  { key: 'orgUnitName', header: '所属机构 orgUnitName' },
  { key: 'ownerAgentName', header: '业务员 ownerAgentName' },
  { key: 'createdAt', header: '创建时间 createdAt' },
  { key: 'id', header: '客户ID id' },
];

const customers: ExportSource = {
  filterSchema: ZCustomerFilterQuery,
  async columns(deps, actor) {
    const definitions = await listAttributeDefinitions(deps, actor);
    return [...CUSTOMER_COLUMNS, ...definitions.map((d) => ({ key: `attributes.${d.key}`, header: `${d.label_zh} attributes.${d.key}` }))];
  },
  async *batches(deps, actor, filters) {
    for await (const batch of listCustomersForExport(deps, actor, filters as TCustomerFilterQuery)) {
      yield batch.map(({ attributes, ...row }) => ({
        ...row,
        ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`attributes.${k}`, v])),
      }));
    }
  },
};

/** Policy columns; amounts in yuan (as in the import files). */
const POLICY_COLUMNS: ExportColumn[] = [
  { key: 'policyNo', header: '保单号 policyNo' },
  { key: 'productCode', header: '产品代码 productCode' },
  { key: 'productName', header: '产品名称 productName' },
  { key: 'productLine', header: '险种 productLine' },
  { key: 'policyholderName', header: '投保人 policyholderName' },
  { key: 'status', header: '保单状态 status' },
  { key: 'sumInsured', header: '保额(元) sumInsured' },
  { key: 'premium', header: '保费(元) premium' },
  { key: 'paymentFrequency', header: '缴费方式 paymentFrequency' },
  { key: 'paymentMethod', header: '付款方式 paymentMethod' },
  { key: 'effectiveOn', header: '生效日期 effectiveOn' },
  { key: 'expiresOn', header: '满期日期 expiresOn' },
  { key: 'coolingOffEndsOn', header: '犹豫期截止 coolingOffEndsOn' },
  { key: 'agentName', header: '业务员 agentName' },
  { key: 'orgUnitName', header: '所属机构 orgUnitName' },
  { key: 'createdAt', header: '创建时间 createdAt' },
  { key: 'id', header: '保单ID id' },
];

/** Integer fen to a yuan string with exactly two decimals, without floating point. */
const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.trunc(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

const policies: ExportSource = {
  filterSchema: ZPolicyFilterQuery,
  async columns() {
    return POLICY_COLUMNS;
  },
  // Pages through the policies module's own list (same scope, filters and order), one batch at a time.
  async *batches(deps, actor, filters) {
    let cursor: string | undefined;
    do {
      const page = await listPolicies(deps, actor, { ...(filters as TPolicyFilterQuery), limit: 200, ...(cursor ? { cursor } : {}) });
      yield page.items.map((p) => ({
        id: p.id,
        policyNo: p.policy_no,
        productCode: p.product_code,
        productName: p.product_name,
        productLine: p.product_line,
        policyholderName: p.policyholder_name,
        status: p.status,
        sumInsured: yuan(p.sum_insured_fen),
        premium: yuan(p.premium_fen),
        paymentFrequency: p.payment_frequency,
        paymentMethod: p.payment_method,
        effectiveOn: p.effective_on,
        expiresOn: p.expires_on,
        coolingOffEndsOn: p.cooling_off_ends_on,
        agentName: p.agent_name,
        orgUnitName: p.org_unit_name,
        createdAt: p.created_at.toISOString(),
      }));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  },
};

export const EXPORT_SOURCES: Record<ExportKind, ExportSource> = { customers, policies };
