import type { TCreatePolicyRequest, TPaymentFrequency, TPaymentMethod } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { findCustomerIdByExternalId, findCustomerIdByIdNumber, getVisibleCustomer } from '../customers/index.ts';
import { createPolicy, findPolicyIdByNumber } from '../policies/index.ts';
import { findProductByCode } from '../products/index.ts';
import type { ImportRecord, RowHandler, RunCache } from './import-runner.ts';
import { parseChoice, parseImportDate, parseYuanToFen, rowFieldError, toHalfWidth } from './import-values.ts';
import { resolveOrgUnit, resolveStaffId } from './row-lookups.ts';

const FREQUENCIES: Record<TPaymentFrequency, readonly string[]> = {
  single: ['趸缴', '趸交', '一次性', '一次交清'],
  annual: ['年缴', '年交', '年', '每年'],
  semi_annual: ['半年缴', '半年交', '半年'],
  quarterly: ['季缴', '季交', '季', '每季'],
  monthly: ['月缴', '月交', '月', '每月'],
};
const METHODS: Record<TPaymentMethod, readonly string[]> = {
  bank_transfer: ['银行转账', '转账'],
  auto_debit: ['自动扣款', '银行代扣', '代扣'],
  cash: ['现金'],
  wechat_pay: ['微信', '微信支付'],
  alipay: ['支付宝'],
  card: ['银行卡', '刷卡'],
};
const STATUSES = { in_force: ['有效', '在保', '生效', '已生效'], pending: ['待生效', '待承保', '未生效'] } as const;

/**
 * A policies row: the policy number identifies it — an existing number is left as it is (changes to
 * a policy are endorsements) and counted as unchanged; otherwise the policy is entered through the
 * policies module's `createPolicy` (product, dates, licence and beneficiary-share rules included).
 */
export const policyRowHandler: RowHandler = {
  kind: 'policies',
  tables: ['policy', 'policy_party'],
  async writeRow(deps, actor, record, cache) {
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
    const required = (field: string) => {
      if (!record[field]) problems.push(rowFieldError(field, `${field} is required`));
      return record[field];
    };
    const policyNo = required('policyNo') ? toHalfWidth(record.policyNo!) : undefined;
    if (policyNo && (await findPolicyIdByNumber(deps, policyNo))) return 'skipped';

    const product = required('productCode') ? await collect(() => productIdOf(deps, cache, record.productCode!)) : undefined;
    const policyholder = await collect(() => findParty(deps, actor, record, 'policyholder'));
    const insured = record.insuredExternalId || record.insuredIdNumber ? await collect(() => findParty(deps, actor, record, 'insured')) : policyholder;
    const beneficiaries = record.beneficiaries ? await collect(() => parseBeneficiaries(deps, actor, record.beneficiaries!)) : [];
    const sumInsuredFen = required('sumInsured') ? await collect(() => parseYuanToFen('sumInsured', record.sumInsured!)) : undefined;
    const premiumFen = required('premium') ? await collect(() => parseYuanToFen('premium', record.premium!)) : undefined;
    const paymentFrequency = required('frequency') ? await collect(() => parseChoice('frequency', record.frequency!, FREQUENCIES)) : undefined;
    const paymentMethod = record.paymentMethod ? await collect(() => parseChoice('paymentMethod', record.paymentMethod!, METHODS)) : undefined;
    const status = record.status ? await collect(() => parseChoice('status', record.status!, STATUSES)) : 'in_force';
    const effectiveOn = required('effectiveOn') ? await collect(() => parseImportDate('effectiveOn', record.effectiveOn!)) : undefined;
    const expiresOn = required('expiresOn') ? await collect(() => parseImportDate('expiresOn', record.expiresOn!)) : undefined;
    const agentId = required('agentUsername') ? await collect(() => resolveStaffId(deps, cache, 'agentUsername', record.agentUsername!)) : undefined;
    const orgUnitId = record.orgUnitCode ? (await collect(() => resolveOrgUnit(deps, actor, cache, 'orgUnitCode', record.orgUnitCode!)))?.id : undefined;
    if (problems.length > 0) {
      throw new DomainError(problems[0]!.code, problems.map((p) => p.message).join('; '), problems.flatMap((p) => p.errors));
    }
    const input: TCreatePolicyRequest = {
      policyNo,
      productId: product!,
      policyholderId: policyholder!,
      insuredIds: [insured!],
      beneficiaries: beneficiaries!,
      sumInsuredFen: sumInsuredFen!,
      premiumFen: premiumFen!,
      paymentFrequency: paymentFrequency!,
      ...(paymentMethod ? { paymentMethod } : {}),
      effectiveOn: effectiveOn!,
      expiresOn: expiresOn!,
      status: status!,
      agentId: agentId!,
      ...(orgUnitId ? { orgUnitId } : {}),
    };
    try {
      await createPolicy(deps, actor, input);
    } catch (error) {
      throw remapErrors(error, record);
    }
    return 'created';
  },
};

async function productIdOf(deps: ModuleDeps, cache: RunCache, code: string): Promise<string> {
  const key = `product:${code}`;
  if (!cache.has(key)) cache.set(key, (await findProductByCode(deps, toHalfWidth(code))) ?? null);
  const product = cache.get(key) as { id: string } | null;
  if (!product) throw rowFieldError('productCode', `no product with code "${code}"`);
  return product.id;
}

/** A customer by external id, else by ID number, in the actor's scope; `side` names the columns. */
async function findParty(deps: ModuleDeps, actor: Actor, record: ImportRecord, side: 'policyholder' | 'insured'): Promise<string> {
  const externalField = `${side}ExternalId`;
  const idNumberField = `${side}IdNumber`;
  const externalId = record[externalField];
  const idNumber = record[idNumberField];
  if (!externalId && !idNumber) throw rowFieldError(externalField, `the ${side}: give an external id or an ID number`);
  return findCustomer(deps, actor, externalId ? externalField : idNumberField, externalId, idNumber);
}

async function findCustomer(deps: ModuleDeps, actor: Actor, field: string, externalId: string | undefined, idNumber: string | undefined): Promise<string> {
  const id = externalId ? await findCustomerIdByExternalId(deps, externalId) : await findCustomerIdByIdNumber(deps, idNumber!);
  if (!id) throw rowFieldError(field, `no customer with this ${externalId ? 'external id' : 'ID number'}`, 'NOT_FOUND');
  try {
    await getVisibleCustomer(deps, actor, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw rowFieldError(field, 'the customer is outside your data scope', 'NOT_FOUND');
    throw error;
  }
  return id;
}

/** `C-0002:60;C-0003:40` — each beneficiary by external id, else ID number (18 characters), with a share in percent. */
async function parseBeneficiaries(deps: ModuleDeps, actor: Actor, raw: string) {
  const parts = toHalfWidth(raw).split(/[;；,，]/).map((p) => p.trim()).filter(Boolean);
  const result: { customerId: string; sharePct: number }[] = [];
  for (const part of parts) {
    const m = /^(.+?)\s*[:：]\s*(\d{1,3})\s*%?$/.exec(part);
    if (!m) throw rowFieldError('beneficiaries', `beneficiary ${result.length + 1} is not <external id or ID number>:<share %>`);
    const ref = m[1]!;
    const byExternal = await findCustomerIdByExternalId(deps, ref);
    const customerId = byExternal ?? (/^\d{17}[\dXx]$/.test(ref) ? await findCustomer(deps, actor, 'beneficiaries', undefined, ref) : undefined);
    if (!customerId) throw rowFieldError('beneficiaries', `beneficiary ${result.length + 1}: no such customer`, 'NOT_FOUND');
    if (byExternal) await findCustomer(deps, actor, 'beneficiaries', ref, undefined);
    result.push({ customerId, sharePct: Number(m[2]) });
  }
  return result;
}

/** Maps the policies service's field paths back to import fields. */
function remapErrors(error: unknown, record: ImportRecord): unknown {
  if (!(error instanceof DomainError)) return error;
  const partyField = (side: 'policyholder' | 'insured') => (record[`${side}ExternalId`] ? `${side}ExternalId` : `${side}IdNumber`);
  const remap = (field: string) => {
    const path = field.replace(/^body\./, '').split(/[.[]/)[0]!;
    const map: Record<string, string> = {
      productId: 'productCode',
      policyholderId: partyField('policyholder'),
      insuredIds: partyField('insured'),
      sumInsuredFen: 'sumInsured',
      premiumFen: 'premium',
      paymentFrequency: 'frequency',
      agentId: 'agentUsername',
      orgUnitId: 'orgUnitCode',
    };
    return map[path] ?? path;
  };
  const errors = error.errors.length > 0 ? error.errors.map((e) => ({ ...e, field: remap(e.field) })) : [{ field: 'policyNo', message: error.message, code: error.code }];
  return new DomainError(error.code, error.message, errors, error.extra);
}
