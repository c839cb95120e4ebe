import type { TCreatePolicyRequest, TPaymentFrequency, TPaymentMethod } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, rule } from '../../platform/errors.ts';
import { createPolicies, createPolicy, findPolicyIdByNumber, findPolicyNumbersTaken } from '../policies/index.ts';
import { findProductByCode } from '../products/index.ts';
import type { ChunkOutcome, ImportRecord, RowHandler, RunCache } from './import-runner.ts';
import { parseChoice, parseImportDate, parseYuanToFen, rowFieldError, rowProblems, toHalfWidth } from './import-values.ts';
import { ID_NUMBER, partiesOfChunk, partiesOneByOne, resolveOrgUnit, resolveStaffId, sideRefs, type Parties } from './row-lookups.ts';

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
    const policyNo = record.policyNo ? toHalfWidth(record.policyNo) : undefined;
    if (policyNo && (await findPolicyIdByNumber(deps, policyNo))) return 'skipped';
    const input = await inputOf(deps, actor, record, cache, partiesOneByOne(deps, actor));
    try {
      await createPolicy(deps, actor, input);
    } catch (error) {
      throw remapErrors(error, record);
    }
    return 'created';
  },

  /** New policies in bulk (`createPolicies`), with the chunk's customers looked up at once; a number repeated within the chunk goes one by one. */
  async writeChunk(deps, actor, records, cache) {
    const outcomes: ChunkOutcome[] = new Array(records.length);
    const numbers = records.map((r) => (r.policyNo ? toHalfWidth(r.policyNo).toUpperCase() : undefined));
    const stored = await findPolicyNumbersTaken(deps, numbers.flatMap((n) => n ?? []));
    const parties = await partiesOfChunk(deps, actor, chunkRefs(records));
    const seen = new Set<string>();
    const creating: { index: number; input: TCreatePolicyRequest }[] = [];
    for (const [i, record] of records.entries()) {
      const policyNo = numbers[i];
      if (policyNo && stored.has(policyNo)) outcomes[i] = 'skipped';
      else if (policyNo && seen.has(policyNo)) outcomes[i] = 'one_by_one';
      else {
        if (policyNo) seen.add(policyNo);
        try {
          creating.push({ index: i, input: await inputOf(deps, actor, record, cache, parties) });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes[i] = error;
        }
      }
    }
    const created = await createPolicies(deps, actor, creating.map((c) => c.input));
    created.forEach((outcome, j) => {
      const { index } = creating[j]!;
      outcomes[index] = outcome instanceof DomainError ? (remapErrors(outcome, records[index]!) as DomainError) : 'created';
    });
    return outcomes;
  },
};

/** The customers a chunk of policy rows names: policyholders, insureds, beneficiaries. */
function chunkRefs(records: readonly ImportRecord[]) {
  const refs = sideRefs(records, ['policyholder', 'insured']);
  for (const r of records) {
    for (const ref of beneficiaryRefs(r.beneficiaries)) {
      refs.externalIds.push(ref);
      if (ID_NUMBER.test(ref)) refs.idNumbers.push(ref);
    }
  }
  return refs;
}

/** The references in a beneficiaries cell (`C-0002:60;C-0003:40`), for look-ups; parsing proper is parseBeneficiaries. */
function beneficiaryRefs(raw: string | undefined): string[] {
  if (!raw) return [];
  return toHalfWidth(raw).split(/[;；,，]/).flatMap((p) => /^(.+?)\s*[:：]/.exec(p.trim())?.[1] ?? []);
}

/** A row as a create request; throws one DomainError carrying every problem of the row. */
async function inputOf(deps: ModuleDeps, actor: Actor, record: ImportRecord, cache: RunCache, parties: Parties): Promise<TCreatePolicyRequest> {
  const { add, collect, throwIfAny } = rowProblems();
  const required = (field: string) => {
    if (!record[field]) add(rowFieldError(field, rule('required', `${field} is required`)));
    return record[field];
  };
  const policyNo = required('policyNo') ? toHalfWidth(record.policyNo!) : undefined;

  const product = required('productCode') ? await collect(() => productIdOf(deps, cache, record.productCode!)) : undefined;
  const policyholder = await collect(() => findParty(parties, record, 'policyholder'));
  const insured = record.insuredExternalId || record.insuredIdNumber ? await collect(() => findParty(parties, record, 'insured')) : policyholder;
  const beneficiaries = record.beneficiaries ? await collect(() => parseBeneficiaries(parties, record.beneficiaries!)) : [];
  const sumInsuredFen = required('sumInsured') ? await collect(() => parseYuanToFen('sumInsured', record.sumInsured!)) : undefined;
  const premiumFen = required('premium') ? await collect(() => parseYuanToFen('premium', record.premium!)) : undefined;
  const paymentFrequency = required('frequency') ? await collect(() => parseChoice('frequency', record.frequency!, FREQUENCIES)) : undefined;
  const paymentMethod = record.paymentMethod ? await collect(() => parseChoice('paymentMethod', record.paymentMethod!, METHODS)) : undefined;
  const status = record.status ? await collect(() => parseChoice('status', record.status!, STATUSES)) : 'in_force';
  const effectiveOn = required('effectiveOn') ? await collect(() => parseImportDate('effectiveOn', record.effectiveOn!)) : undefined;
  const expiresOn = required('expiresOn') ? await collect(() => parseImportDate('expiresOn', record.expiresOn!)) : undefined;
  const agentId = required('agentUsername') ? await collect(() => resolveStaffId(deps, cache, 'agentUsername', record.agentUsername!)) : undefined;
  const orgUnitId = record.orgUnitCode ? (await collect(() => resolveOrgUnit(deps, actor, cache, 'orgUnitCode', record.orgUnitCode!)))?.id : undefined;
  throwIfAny();
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
  return input;
}

async function productIdOf(deps: ModuleDeps, cache: RunCache, code: string): Promise<string> {
  const key = `product:${code}`;
  if (!cache.has(key)) cache.set(key, (await findProductByCode(deps, toHalfWidth(code))) ?? null);
  const product = cache.get(key) as { id: string } | null;
  if (!product) throw rowFieldError('productCode', rule('not_found', `no product with code "${code}"`, { value: code }));
  return product.id;
}

/** A customer by external id, else by ID number, in the actor's scope; `side` names the columns. */
async function findParty(parties: Parties, record: ImportRecord, side: 'policyholder' | 'insured'): Promise<string> {
  const externalField = `${side}ExternalId`;
  const idNumberField = `${side}IdNumber`;
  const externalId = record[externalField];
  const idNumber = record[idNumberField];
  if (!externalId && !idNumber) throw rowFieldError(externalField, rule('customer_key_required', `the ${side}: give an external id or an ID number`));
  return parties.find(externalId ? externalField : idNumberField, externalId, idNumber);
}

/** `C-0002:60;C-0003:40` — each beneficiary by external id, else ID number (18 characters), with a share in percent. */
async function parseBeneficiaries(parties: Parties, raw: string) {
  const parts = toHalfWidth(raw).split(/[;；,，]/).map((p) => p.trim()).filter(Boolean);
  const result: { customerId: string; sharePct: number }[] = [];
  for (const part of parts) {
    const m = /^(.+?)\s*[:：]\s*(\d{1,3})\s*%?$/.exec(part);
    if (!m) throw rowFieldError('beneficiaries', rule('beneficiary_format', `beneficiary ${result.length + 1} is not <external id or ID number>:<share %>`, { n: result.length + 1 }));
    const ref = m[1]!;
    const byExternal = await parties.idByExternalId(ref);
    const customerId = byExternal ?? (ID_NUMBER.test(ref) ? await parties.find('beneficiaries', undefined, ref) : undefined);
    if (!customerId) throw rowFieldError('beneficiaries', rule('not_found', `beneficiary ${result.length + 1}: no such customer`), 'NOT_FOUND');
    if (byExternal) await parties.find('beneficiaries', ref, undefined);
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
  const errors = error.errors.length > 0 ? error.errors.map((e) => ({ ...e, field: remap(e.field) })) : [{ field: 'policyNo', message: error.message, code: error.code, rule: 'invalid' as const }];
  return new DomainError(error.code, error.message, errors, error.extra);
}
