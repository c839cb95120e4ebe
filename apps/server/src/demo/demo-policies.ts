// Demo product catalogue and policies: fifteen products across all nine lines, and policies for
// the demo households (critical illness and term life with beneficiaries, yearly-renewed medical,
// motor and accident cover, children's and parents' cover paid by the household, annuities, and
// company property and liability cover), with renewals, lapses, surrenders and a few endorsements.
// Deterministic (seeded PRNG) and inserted in batches, so the step takes well under a second on PGlite.
import type { TPaymentFrequency, TPaymentMethod, TPolicyStatus, TProductLine } from '@anxin/contracts';
import type { Insertable } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { EndorsementTable, PolicyPartyTable, PolicyTable, ProductTable } from '../platform/db/schema/policies.ts';
import { newId } from '../platform/ids.ts';
import { maskBankAccount } from '../modules/customers/index.ts';
import { addDays, addMonths, insertEndorsements, insertParties, insertPolicies, reservePolicyNumbers } from '../modules/policies/index.ts';
import { DEFAULT_COOLING_OFF_DAYS, insertProducts } from '../modules/products/index.ts';
import { listDemoCustomers, type DemoCustomerRef } from './demo-customers.ts';
import { DEMO_ORG } from './demo-org.ts';
import type { DemoContext, DemoStep } from './index.ts';
import { prng } from '../platform/prng.ts';

/** The demo's "today", the same as the customers step's, so statuses match ages and tenures. */
const DEMO_TODAY = '2026-11-01';
const YUAN = 100;

type Cov = [code: string, name: string, limitYuan: number | null, deductibleYuan?: number, pct?: number];
type Doc = [code: string, name: string, required?: boolean];
interface DemoProduct {
  code: string;
  name: string;
  line: TProductLine;
  risk: 'R1' | 'R2' | 'R3' | 'R4' | 'R5';
  waitingDays: number;
  coverages: Cov[];
  documents: Doc[];
  description: string;
}

const ID_DOCS: Doc[] = [['CLAIM_FORM', '理赔申请书'], ['ID_PROOF', '被保险人身份证明'], ['BANK_ACCOUNT', '领款人银行账户信息']];
const DEATH_DOCS: Doc[] = [...ID_DOCS, ['DEATH_CERT', '死亡证明'], ['HOUSEHOLD_CANCEL', '户籍注销证明'], ['BENEFICIARY_ID', '受益人身份证明及关系证明']];
const MEDICAL_DOCS: Doc[] = [...ID_DOCS, ['DIAGNOSIS', '诊断证明'], ['DISCHARGE', '出院小结'], ['INVOICE', '医疗费用发票'], ['COST_LIST', '费用明细清单'], ['SOCIAL_SETTLEMENT', '社保结算单', false]];
const MOTOR_DOCS: Doc[] = [['CLAIM_FORM', '索赔申请书'], ['ACCIDENT_CERT', '交通事故认定书'], ['DRIVING_LICENCE', '驾驶证'], ['VEHICLE_LICENCE', '行驶证'], ['LOSS_ASSESSMENT', '定损单'], ['REPAIR_INVOICE', '维修发票'], ['PHOTOS', '事故现场照片', false]];

/** The usual term of each demo product in months (whole life and the annuity have none). */
const TERM_MONTHS: Record<string, number> = { 'AX-TL20': 240, 'AX-CI': 360, 'AX-CI-KID': 240 };
const ONE_YEAR_LINES: readonly TProductLine[] = ['medical', 'accident', 'motor_compulsory', 'motor_commercial', 'property', 'liability'];

/** The demo catalogue (sums in yuan here, stored in fen). */
const PRODUCTS: DemoProduct[] = [
  { code: 'AX-TL20', name: '安心守护定期寿险（20年期）', line: 'life', risk: 'R1', waitingDays: 90, description: '20年定期寿险，身故或全残给付保额，家庭经济支柱的基础保障。',
    coverages: [['DEATH', '身故保险金', 3_000_000], ['TPD', '全残保险金', 3_000_000]], documents: DEATH_DOCS },
  { code: 'AX-WL', name: '安心传家终身寿险（增额版）', line: 'life', risk: 'R2', waitingDays: 180, description: '有效保额按年复利递增的终身寿险，兼顾传承与现金价值。',
    coverages: [['DEATH', '身故保险金', null], ['TPD', '全残保险金', null]], documents: DEATH_DOCS },
  { code: 'AX-CI', name: '安心康重大疾病保险', line: 'critical_illness', risk: 'R2', waitingDays: 90, description: '保障120种重大疾病、50种中症、40种轻症，轻中症豁免后续保费。',
    coverages: [['MAJOR', '重大疾病保险金', 1_000_000], ['MODERATE', '中症疾病保险金', 500_000, 0, 50], ['MILD', '轻症疾病保险金', 300_000, 0, 30], ['DEATH', '身故保险金', 1_000_000]],
    documents: [...ID_DOCS, ['DIAGNOSIS', '诊断证明'], ['PATHOLOGY', '病理检查报告'], ['MEDICAL_RECORD', '门诊及住院病历']] },
  { code: 'AX-CI-KID', name: '安心宝贝少儿重疾险', line: 'critical_illness', risk: 'R1', waitingDays: 90, description: '0–17岁少儿专属重疾保障，特定少儿高发疾病额外给付。',
    coverages: [['MAJOR', '重大疾病保险金', 500_000], ['CHILD_SPECIAL', '少儿特定疾病保险金', 500_000], ['MILD', '轻症疾病保险金', 150_000, 0, 30]],
    documents: [...ID_DOCS, ['DIAGNOSIS', '诊断证明'], ['PATHOLOGY', '病理检查报告'], ['BIRTH_CERT', '出生医学证明或户口簿']] },
  { code: 'AX-MED', name: '安心百万医疗保险', line: 'medical', risk: 'R1', waitingDays: 30, description: '一年期住院医疗，一般医疗年免赔额1万元，重疾医疗0免赔，可续保。',
    coverages: [['GENERAL', '一般医疗保险金', 3_000_000, 10_000, 100], ['CI_MEDICAL', '重大疾病医疗保险金', 6_000_000, 0, 100], ['OUTPATIENT_SPECIAL', '特殊门诊医疗保险金', 3_000_000, 0, 100]],
    documents: MEDICAL_DOCS },
  { code: 'AX-HMB', name: '安心惠民保（城市定制型商业医疗保险）', line: 'medical', risk: 'R1', waitingDays: 0, description: '政府指导的城市普惠型补充医疗，不限年龄与既往症，保费低廉。',
    coverages: [['INPATIENT', '住院医疗费用', 2_000_000, 20_000, 80], ['SPECIAL_DRUGS', '特定高额药品费用', 1_000_000, 0, 80]], documents: MEDICAL_DOCS },
  // Small-amount medical cover without a deductible: the claims the fast track (快赔) settles by itself.
  { code: 'AX-XEMED', name: '安心小额医疗保险（门急诊及住院）', line: 'medical', risk: 'R1', waitingDays: 30, description: '一年期门急诊及住院医疗，0免赔额，按90%比例赔付，小额案件快速理赔。',
    coverages: [['OUTPATIENT_INPATIENT', '门急诊及住院医疗保险金', 50_000, 0, 90]], documents: MEDICAL_DOCS },
  { code: 'AX-ACC', name: '安心综合意外伤害保险', line: 'accident', risk: 'R1', waitingDays: 0, description: '一年期意外身故伤残、意外医疗及住院津贴。',
    coverages: [['DEATH_DISABILITY', '意外身故及伤残保险金', 1_000_000], ['MEDICAL', '意外医疗保险金', 20_000, 100, 90], ['HOSPITAL_ALLOWANCE', '意外住院津贴', 18_000]],
    documents: [...ID_DOCS, ['ACCIDENT_PROOF', '意外事故证明'], ['DISABILITY_ASSESSMENT', '伤残鉴定书', false], ['INVOICE', '医疗费用发票']] },
  { code: 'AX-STU', name: '安心学生平安保险（学平险）', line: 'accident', risk: 'R1', waitingDays: 0, description: '在校学生一年期意外及疾病住院保障。',
    coverages: [['DEATH_DISABILITY', '意外身故及伤残保险金', 100_000], ['MEDICAL', '意外医疗保险金', 20_000, 0, 100], ['INPATIENT', '疾病住院医疗保险金', 100_000, 0, 90]],
    documents: [...ID_DOCS, ['SCHOOL_PROOF', '学籍证明'], ['INVOICE', '医疗费用发票']] },
  { code: 'AX-ANN', name: '安心福寿养老年金保险', line: 'annuity', risk: 'R3', waitingDays: 0, description: '十年缴费，60周岁起按年领取养老年金，保证领取20年。',
    coverages: [['PENSION', '养老年金', null], ['DEATH', '身故保险金', null]], documents: [...ID_DOCS, ['SURVIVAL_PROOF', '生存证明', false]] },
  { code: 'AX-JQX', name: '机动车交通事故责任强制保险', line: 'motor_compulsory', risk: 'R1', waitingDays: 0, description: '交强险：法定强制保险，限额死亡伤残18万元、医疗费用1.8万元、财产损失2000元。',
    coverages: [['DEATH_INJURY', '死亡伤残赔偿', 180_000], ['MEDICAL', '医疗费用赔偿', 18_000], ['PROPERTY', '财产损失赔偿', 2_000]], documents: MOTOR_DOCS },
  { code: 'AX-SYX', name: '机动车商业保险（家庭自用汽车）', line: 'motor_commercial', risk: 'R2', waitingDays: 0, description: '车辆损失险、第三者责任险（200万）、车上人员责任险。',
    coverages: [['VEHICLE_DAMAGE', '机动车损失保险', 400_000], ['THIRD_PARTY', '第三者责任保险', 2_000_000], ['DRIVER', '车上人员责任险（司机）', 100_000], ['PASSENGER', '车上人员责任险（乘客）', 100_000]],
    documents: MOTOR_DOCS },
  { code: 'AX-HOME', name: '安心家庭财产综合保险', line: 'property', risk: 'R1', waitingDays: 0, description: '房屋主体、室内装修及财产的火灾、爆炸、管道破裂与水渍损失。',
    coverages: [['BUILDING', '房屋主体', 1_000_000, 500, 100], ['DECORATION', '室内装潢', 200_000, 500, 100], ['CONTENTS', '室内财产', 100_000, 500, 100], ['WATER', '管道破裂及水渍', 50_000, 500, 80]],
    documents: [['CLAIM_FORM', '索赔申请书'], ['OWNERSHIP', '房产证明'], ['LOSS_LIST', '损失清单'], ['PHOTOS', '现场照片'], ['FIRE_CERT', '消防或物业证明', false]] },
  { code: 'AX-CCX', name: '企业财产综合险', line: 'property', risk: 'R2', waitingDays: 0, description: '企业固定资产及存货的火灾、自然灾害与意外事故损失。',
    coverages: [['FIXED_ASSETS', '固定资产', 30_000_000, 5_000, 100], ['STOCK', '存货', 10_000_000, 5_000, 100], ['BUSINESS_INTERRUPTION', '营业中断', 2_000_000, 0, 80]],
    documents: [['CLAIM_FORM', '索赔申请书'], ['BUSINESS_LICENCE', '营业执照'], ['ASSET_LEDGER', '固定资产明细账'], ['LOSS_LIST', '损失清单'], ['ACCIDENT_CERT', '事故证明（消防、气象等）']] },
  { code: 'AX-GZZR', name: '公众责任保险', line: 'liability', risk: 'R2', waitingDays: 0, description: '营业场所内第三者人身伤亡及财产损失的依法赔偿责任。',
    coverages: [['BODILY', '第三者人身伤亡', 5_000_000, 0, 100], ['PROPERTY', '第三者财产损失', 1_000_000, 1_000, 100], ['LEGAL_COSTS', '法律费用', 200_000, 0, 100]],
    documents: [['CLAIM_FORM', '索赔申请书'], ['BUSINESS_LICENCE', '营业执照'], ['CLAIMANT_DEMAND', '受害人索赔材料'], ['JUDGMENT', '判决书或调解书', false], ['INVOICE', '医疗或修复费用票据']] },
  { code: 'AX-GZ', name: '雇主责任保险', line: 'liability', risk: 'R2', waitingDays: 0, description: '员工因工作遭受意外或患职业病时雇主依法承担的赔偿责任。',
    coverages: [['DEATH_DISABILITY', '死亡伤残赔偿（每人）', 800_000], ['MEDICAL', '医疗费用（每人）', 50_000, 0, 100], ['LOST_WAGES', '误工费用', 30_000]],
    documents: [['CLAIM_FORM', '索赔申请书'], ['LABOUR_CONTRACT', '劳动合同'], ['INJURY_CERT', '工伤认定书'], ['DIAGNOSIS', '诊断证明'], ['INVOICE', '医疗费用发票']] },
];

const AGE_MS = 365.25 * 86_400_000;
const ageOn = (birthDate: string | null, on: string) => (birthDate ? Math.floor((Date.parse(on) - Date.parse(birthDate)) / AGE_MS) : 40);

/** Loads the demo catalogue and policies (see the file header). */
export const demoPoliciesStep: DemoStep = {
  name: 'policies',
  async load(tx: Tx, context: DemoContext) {
    const random = prng(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const chance = (p: number) => random() < p;
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const round10 = (yuan: number) => Math.round(yuan / 10) * 10;

    // ── Catalogue ──
    const products = new Map<string, { id: string; coolingOffDays: number }>();
    const productRows: Insertable<ProductTable>[] = PRODUCTS.map((p) => {
      const id = newId();
      const coolingOffDays = DEFAULT_COOLING_OFF_DAYS[p.line];
      products.set(p.code, { id, coolingOffDays });
      return {
        id, code: p.code, name: p.name, line: p.line, risk_level: p.risk, waiting_days: p.waitingDays, cooling_off_days: coolingOffDays, description: p.description,
        term_months: TERM_MONTHS[p.code] ?? (ONE_YEAR_LINES.includes(p.line) ? 12 : null),
        coverages: JSON.stringify(p.coverages.map(([code, name, limit, deductible = 0, pct = 100]) => ({ code, name, sumInsuredLimitFen: limit === null ? null : limit * YUAN, deductibleFen: deductible * YUAN, reimbursementPct: pct }))),
        claim_documents: JSON.stringify(p.documents.map(([code, name, required = true]) => ({ code, name, required }))),
        created_at: new Date('2023-12-01T00:00:00.000Z'), updated_at: new Date('2023-12-01T00:00:00.000Z'),
      };
    });
    await insertProducts(tx, productRows);

    // ── Policies ──
    const customers = await listDemoCustomers(tx);
    const byId = new Map(customers.map((c) => [c.id, c]));
    const cityAgentOf = new Map<string, string>();
    // Masked address prefix by city unit for the demo's address-change summaries: 浙江分公司 / 杭州中心支公司 → 浙江省杭州市.
    const cityOf = new Map<string, string>();
    for (const p of DEMO_ORG.provinces) {
      for (const c of p.cities) {
        cityAgentOf.set(context.unitIds.get(c.code)!, context.staffIds.get(`${c.user}.agent`)!);
        cityOf.set(context.unitIds.get(c.code)!, `${p.name.replace('分公司', '省')}${c.name.replace('中心支公司', '市')}`);
      }
    }

    interface Draft {
      product: string;
      holder: DemoCustomerRef;
      insured: DemoCustomerRef[];
      beneficiaries?: { id: string; share: number }[];
      sumYuan: number;
      premiumYuan: number;
      frequency: TPaymentFrequency;
      effectiveOn: string;
      expiresOn: string;
      status?: TPolicyStatus;
      statusReason?: string;
      statusChangedOn?: string;
      renewalOf?: number;
      surrenderValueYuan?: number;
    }
    const drafts: Draft[] = [];
    const endorsementDrafts: { policy: number; type: EndorsementTable['type']; effectiveOn: string; reason: string; summary: string; details: Record<string, unknown>; surrenderValueYuan?: number }[] = [];

    const randomDate = (fromYear: number, toYear: number) => `${int(fromYear, toYear)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
    // Yearly chains mostly began in 2025 (one renewal so far), some in 2024 (two).
    const chainStart = () => randomDate(chance(0.3) ? 2024 : 2025, 2025);
    const beneficiariesFor = (c: DemoCustomerRef) => {
      const kids = c.childIds.filter((id) => byId.has(id));
      if (c.spouseId && kids.length > 0 && chance(0.4)) {
        const each = Math.floor(50 / kids.length);
        return [{ id: c.spouseId, share: 100 - each * kids.length }, ...kids.map((id) => ({ id, share: each }))];
      }
      if (c.spouseId) return [{ id: c.spouseId, share: 100 }];
      if (kids.length > 0) {
        const each = Math.floor(100 / kids.length);
        return kids.map((id, i) => ({ id, share: i === 0 ? 100 - each * (kids.length - 1) : each }));
      }
      const parents = c.parentIds.filter((id) => byId.has(id));
      return parents.length > 0 ? [{ id: parents[0]!, share: 100 }] : [];
    };

    /** A one-year policy renewed every year from `start`; it stops (expired, not renewed) at `stopBefore`. */
    const NEVER = '9999-12-31';
    const yearly = (base: Omit<Draft, 'effectiveOn' | 'expiresOn' | 'premiumYuan'>, start: string, premiumYuan: (year: number) => number, stopBefore = NEVER) => {
      let previous: number | undefined;
      for (let k = 0; ; k++) {
        const effectiveOn = addMonths(start, 12 * k);
        const expiresOn = addMonths(start, 12 * (k + 1));
        if (effectiveOn > DEMO_TODAY || effectiveOn >= stopBefore || (stopBefore !== NEVER && expiresOn > DEMO_TODAY)) break;
        const index = drafts.push({ ...base, premiumYuan: premiumYuan(k), effectiveOn, expiresOn, ...(previous !== undefined ? { renewalOf: previous } : {}) }) - 1;
        if (previous !== undefined) Object.assign(drafts[previous]!, { status: 'expired', statusReason: 'renewed', statusChangedOn: drafts[previous]!.expiresOn });
        previous = index;
      }
      if (previous !== undefined && drafts[previous]!.expiresOn <= DEMO_TODAY) Object.assign(drafts[previous]!, { status: 'expired', statusReason: '期满未续保', statusChangedOn: drafts[previous]!.expiresOn });
    };

    const medicalPremium = (age: number) => (age < 30 ? 268 : age < 40 ? 358 : age < 50 ? 598 : age < 60 ? 1058 : 1890);
    const beforeToday = (date: string, fallback: string) => (date < DEMO_TODAY ? date : fallback);
    // Households that left us stopped renewing: their yearly chains end before today.
    const stopFor = (stage: string) => (stage === 'active' ? undefined : beforeToday(randomDate(2025, 2026), '2026-06-01'));

    const processed = new Set<string>();
    for (const c of customers) {
      if (processed.has(c.id) || c.lifecycleStage === 'prospect') continue;
      if (c.kind === 'organisation') {
        processed.add(c.id);
        const since = chainStart();
        yearly({ product: 'AX-CCX', holder: c, insured: [c], sumYuan: int(80, 300) * 100_000, frequency: 'single' }, since, () => round10(int(4_000, 15_000)));
        if (chance(0.7)) yearly({ product: 'AX-GZZR', holder: c, insured: [c], sumYuan: 5_000_000, frequency: 'single' }, chainStart(), () => round10(int(3_000, 8_000)));
        if (chance(0.5)) yearly({ product: 'AX-GZ', holder: c, insured: [c], sumYuan: int(20, 120) * 800_000, frequency: 'single' }, chainStart(), () => round10(int(5_000, 30_000)));
        continue;
      }
      const age = ageOn(c.birthDate, DEMO_TODAY);
      // The household is bought for by an adult below 60 (elderly parents are covered by their children).
      if (age < 18 || (age >= 60 && c.childIds.some((id) => !processed.has(id) && byId.get(id) && ageOn(byId.get(id)!.birthDate, DEMO_TODAY) >= 18))) continue;
      const spouse = c.spouseId ? byId.get(c.spouseId) : undefined;
      const children = c.childIds.map((id) => byId.get(id)!).filter((x) => x && !processed.has(x.id) && ageOn(x.birthDate, DEMO_TODAY) < 18);
      const parents = c.parentIds.map((id) => byId.get(id)!).filter((x) => x && !processed.has(x.id));
      for (const m of [c, ...(spouse ? [spouse] : []), ...children, ...parents]) processed.add(m.id);
      const stage = c.lifecycleStage;
      const stop = stopFor(stage);

      for (const adult of [c, ...(spouse ? [spouse] : [])]) {
        const a = ageOn(adult.birthDate, DEMO_TODAY);
        // Critical illness: annual premium by age, 30-year term; lapsed or surrendered in ended households.
        if (chance(adult === c ? 0.65 : 0.45) && a < 60) {
          const effectiveOn = beforeToday(randomDate(2024, 2026), '2026-03-15');
          const sumWan = pick([30, 50, 50, 80]);
          const index = drafts.push({
            product: 'AX-CI', holder: adult, insured: [adult], beneficiaries: beneficiariesFor(adult), sumYuan: sumWan * 10_000,
            premiumYuan: round10(sumWan * (35 + ageOn(adult.birthDate, effectiveOn) * 2.5)), frequency: 'annual', effectiveOn, expiresOn: addMonths(effectiveOn, 360),
          }) - 1;
          const d = drafts[index]!;
          if (stage === 'lapsed' && addDays(addMonths(effectiveOn, 12), 60) < DEMO_TODAY) Object.assign(d, { status: 'lapsed', statusReason: '宽限期满未缴续期保费', statusChangedOn: addDays(addMonths(effectiveOn, 12), 60) });
          else if (stage === 'active' && chance(0.02) && effectiveOn > '2026-06-01') Object.assign(d, { status: 'cancelled', statusReason: '犹豫期内撤单', statusChangedOn: addDays(effectiveOn, 7) });
          else if (stage === 'active' && chance(0.04)) endorsementDrafts.push({ policy: index, type: 'address_change', effectiveOn: beforeToday(addMonths(effectiveOn, int(1, 6)), DEMO_TODAY), reason: '客户搬家', summary: `Correspondence address changed to ${cityOf.get(adult.orgUnitId) ?? ''}****`, details: { newAddress: '（演示数据，未保存地址）' } });
        }
        // Yearly-renewed medical cover.
        if (chance(adult === c ? 0.5 : 0.35)) {
          const start = chainStart();
          yearly({ product: 'AX-MED', holder: adult, insured: [adult], sumYuan: 3_000_000, frequency: 'single' }, start, (k) => medicalPremium(ageOn(adult.birthDate, addMonths(start, 12 * k))), stop);
        }
        if (chance(0.12)) yearly({ product: 'AX-ACC', holder: adult, insured: [adult], sumYuan: 1_000_000, frequency: 'single' }, chainStart(), () => 198, stop);
      }
      // Term life for the main earner; annuity for some; ended households surrendered them.
      if (chance(0.3) && age < 55) {
        const effectiveOn = randomDate(2024, 2025);
        const sumWan = pick([50, 100, 100, 200]);
        const index = drafts.push({
          product: 'AX-TL20', holder: c, insured: [c], beneficiaries: beneficiariesFor(c), sumYuan: sumWan * 10_000,
          premiumYuan: round10(sumWan * (8 + ageOn(c.birthDate, effectiveOn) * 0.6)), frequency: 'annual', effectiveOn, expiresOn: addMonths(effectiveOn, 240),
        }) - 1;
        const lapseOn = addDays(addMonths(effectiveOn, 12), 60);
        if (stage === 'lapsed' && lapseOn < DEMO_TODAY) Object.assign(drafts[index]!, { status: 'lapsed', statusReason: '宽限期满未缴续期保费', statusChangedOn: lapseOn });
      }
      if (chance(stage === 'former' ? 0.7 : 0.1) && age >= 30 && age < 58) {
        const effectiveOn = randomDate(2024, 2025);
        const premium = pick([12_000, 20_000, 30_000, 50_000]);
        const index = drafts.push({
          product: 'AX-ANN', holder: c, insured: [c], beneficiaries: beneficiariesFor(c), sumYuan: premium * 10, premiumYuan: premium, frequency: 'annual',
          effectiveOn, expiresOn: addMonths(effectiveOn, 12 * Math.max(20, 85 - ageOn(c.birthDate, effectiveOn))),
        }) - 1;
        if (stage === 'former') {
          const on = beforeToday(addMonths(effectiveOn, int(13, 20)), '2026-09-01');
          const value = Math.round(premium * 2 * (0.55 + random() * 0.2));
          Object.assign(drafts[index]!, { status: 'surrendered', statusReason: '客户资金周转需要', statusChangedOn: on, surrenderValueYuan: value });
          endorsementDrafts.push({ policy: index, type: 'surrender', effectiveOn: on, reason: '客户资金周转需要', summary: `Surrendered on ${on}; surrender value ¥${value.toLocaleString('en-US')}.00`, details: { statusBefore: 'in_force', surrenderValueFen: value * YUAN }, surrenderValueYuan: value });
        }
      }
      // Motor: compulsory and commercial, renewed together each year.
      if (chance(0.45)) {
        const start = chainStart();
        const vehicleWan = int(8, 35);
        yearly({ product: 'AX-JQX', holder: c, insured: [c], sumYuan: 200_000, frequency: 'single' }, start, () => 950, stop);
        if (chance(0.85)) yearly({ product: 'AX-SYX', holder: c, insured: [c], sumYuan: vehicleWan * 10_000 + 2_000_000, frequency: 'single' }, start, (k) => round10(vehicleWan * 120 + 1_200 - k * 150), stop);
      }
      if (stage === 'active' && chance(0.15)) yearly({ product: 'AX-HOME', holder: c, insured: [c], sumYuan: 1_000_000, frequency: 'single' }, chainStart(), () => 300);
      // Children: school accident cover and children's critical illness, bought by a parent.
      const payer = spouse && spouse.gender === 'female' && chance(0.6) ? spouse : c;
      for (const child of children) {
        if (ageOn(child.birthDate, DEMO_TODAY) >= 6 && chance(0.6)) yearly({ product: 'AX-STU', holder: payer, insured: [child], sumYuan: 100_000, frequency: 'single' }, `${chance(0.3) ? 2024 : 2025}-09-01`, () => 120, stop);
        if (chance(0.35)) {
          const effectiveOn = randomDate(2024, 2025);
          drafts.push({ product: 'AX-CI-KID', holder: payer, insured: [child], sumYuan: 300_000, premiumYuan: round10(1_200 + ageOn(child.birthDate, effectiveOn) * 40), frequency: 'annual', effectiveOn, expiresOn: addMonths(effectiveOn, 360) });
        }
      }
      // Parents: the city's inclusive medical cover (惠民保), bought by their child.
      for (const parent of parents) if (chance(0.6)) yearly({ product: 'AX-HMB', holder: c, insured: [parent], sumYuan: 2_000_000, frequency: 'single' }, `${chance(0.3) ? 2024 : 2025}-01-01`, () => 99, stop);
      // A few new applications awaiting underwriting (the underwriting queue): whole life, critical
      // illness of a larger sum, term life. The product follows the household's place in the book, so
      // the demo's random sequence — and every record after this one — stays as it was.
      if (stage === 'active' && chance(0.02)) {
        const beneficiaries = beneficiariesFor(c);
        const effectiveOn = '2026-11-10';
        const application = { holder: c, insured: [c], beneficiaries, frequency: 'annual' as const, effectiveOn, status: 'pending' as const };
        const variant = processed.size % 4;
        if (variant === 1 || variant === 3) {
          const sumWan = variant === 1 ? 50 : 80;
          drafts.push({ ...application, product: 'AX-CI', sumYuan: sumWan * 10_000, premiumYuan: round10(sumWan * (35 + age * 2.5)), expiresOn: addMonths(effectiveOn, 360) });
        } else if (variant === 2 && age < 55) {
          drafts.push({ ...application, product: 'AX-TL20', sumYuan: 1_000_000, premiumYuan: round10(100 * (8 + age * 0.6)), expiresOn: addMonths(effectiveOn, 240) });
        } else {
          drafts.push({ ...application, product: 'AX-WL', sumYuan: 500_000, premiumYuan: 50_000, expiresOn: '2096-11-10' });
        }
      }
    }
    // ── Rows ──
    const firstNumber = await reservePolicyNumbers(tx, drafts.length);
    const ids = drafts.map(() => newId());
    const policies: Insertable<PolicyTable>[] = [];
    const parties: Insertable<PolicyPartyTable>[] = [];
    const methods: TPaymentMethod[] = ['wechat_pay', 'alipay', 'bank_transfer', 'auto_debit', 'auto_debit', 'card'];
    drafts.forEach((d, i) => {
      const product = products.get(d.product)!;
      const method = pick(methods);
      const account = method === 'auto_debit' ? `6222${String(int(0, 999_999_999)).padStart(9, '0')}${String(int(0, 999_999)).padStart(6, '0')}` : null;
      const createdAt = new Date(`${d.effectiveOn}T02:00:00.000Z`);
      createdAt.setUTCDate(createdAt.getUTCDate() - int(1, 10));
      policies.push({
        id: ids[i]!,
        customer_id: d.holder.id,
        policy_no: `P${d.effectiveOn.slice(0, 4)}${String(firstNumber + i).padStart(10, '0')}`,
        product_id: product.id,
        status: d.status ?? 'in_force',
        status_reason: d.statusReason ?? null,
        status_changed_on: d.statusChangedOn ?? null,
        sum_insured_fen: d.sumYuan * YUAN,
        premium_fen: d.premiumYuan * YUAN,
        payment_frequency: d.frequency,
        payment_method: method,
        bank_account_enc: account ? context.cipher.encrypt(account) : null,
        bank_account_masked: account ? maskBankAccount(account) : null,
        effective_on: d.effectiveOn,
        expires_on: d.expiresOn,
        cooling_off_ends_on: addDays(d.effectiveOn, product.coolingOffDays),
        renewal_of_id: d.renewalOf !== undefined ? ids[d.renewalOf]! : null,
        surrender_value_fen: d.surrenderValueYuan !== undefined ? d.surrenderValueYuan * YUAN : null,
        agent_id: d.holder.ownerAgentId ?? cityAgentOf.get(d.holder.orgUnitId) ?? context.staffIds.get('hz.agent')!,
        org_unit_id: d.holder.orgUnitId,
        created_by: 'system',
        created_at: createdAt,
        updated_at: createdAt,
      });
      parties.push({ customer_id: d.holder.id, policy_id: ids[i]!, role: 'applicant', share_pct: null, created_at: createdAt });
      for (const insured of d.insured) parties.push({ customer_id: insured.id, policy_id: ids[i]!, role: 'insured', share_pct: null, created_at: createdAt });
      for (const b of d.beneficiaries ?? []) parties.push({ customer_id: b.id, policy_id: ids[i]!, role: 'beneficiary', share_pct: b.share, created_at: createdAt });
    });
    const endorsements: Insertable<EndorsementTable>[] = endorsementDrafts.map((e) => ({
      customer_id: drafts[e.policy]!.holder.id,
      id: newId(),
      policy_id: ids[e.policy]!,
      type: e.type,
      effective_on: e.effectiveOn,
      reason: e.reason,
      summary: e.summary,
      details: JSON.stringify(e.details),
      surrender_value_fen: e.surrenderValueYuan !== undefined ? e.surrenderValueYuan * YUAN : null,
      created_by: context.system.id,
      created_by_name: context.system.name,
      created_at: new Date(`${e.effectiveOn}T03:00:00.000Z`),
    }));
    // Renewals reference earlier rows, so insert in order, in batches.
    for (let i = 0; i < policies.length; i += 500) await insertPolicies(tx, policies.slice(i, i + 500));
    for (let i = 0; i < parties.length; i += 1000) await insertParties(tx, parties.slice(i, i + 1000));
    await insertEndorsements(tx, endorsements);
  },
};
