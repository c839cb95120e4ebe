// Demo claims: one or more claims in every workflow state, driven through the real claims services
// (report, register, assess, notices, uploads, adjustment, approval, payments, denial, withdrawal,
// reopening) at past times, so each claim has a true history, running or breached clocks, outbox
// messages and audit entries. Deterministic: the same policies are picked on every load.
import type { TClaimIncident, TReportClaimRequest } from '@anxin/contracts';
import type { Actor } from '../platform/actor.ts';
import type { FieldCipher } from '../platform/crypto/field-encryption.ts';
import type { Executor, Tx } from '../platform/db/database.ts';
import type { ModuleDeps } from '../platform/deps.ts';
import { actorFromStaff } from '../modules/auth/index.ts';
import {
  adjustClaim,
  approveClaim,
  denyClaim,
  flagClaim,
  recordClaimPayment,
  recordDenialNotice,
  reportClaim,
  sendDocumentNotice,
  sweepClaimClocks,
  transitionClaim,
  uploadClaimDocument,
} from '../modules/claims/index.ts';
import { findStaffById } from '../modules/org/index.ts';
import { addDays, createPolicy } from '../modules/policies/index.ts';
import type { DemoContext, DemoStep } from './index.ts';

/** The demo's reference "now" for claims: the present, but never after the demo book's horizon. */
const HORIZON = Date.parse('2026-11-28T02:00:00.000Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const PDF = Buffer.from('%PDF-1.4\n% Anxin demo claim document\n%%EOF\n').toString('base64');

interface Candidate {
  policyId: string;
  policyNo: string;
  productCode: string;
  line: string;
  insuredId: string;
  holderId: string;
  effectiveOn: string;
  expiresOn: string;
  waitingDays: number;
  documents: { code: string; required: boolean }[];
  coverage: { code: string; deductibleFen: number; reimbursementPct: number; sumInsuredLimitFen: number | null };
  hasMobile: boolean;
  tier: string;
}

async function candidates(tx: Tx, incidentOn: string, horizonOn: string): Promise<Candidate[]> {
  const rows = await tx
    .selectFrom('policy as p')
    .innerJoin('product as pr', 'pr.id', 'p.product_id')
    .innerJoin('policy_party as pp', (j) => j.onRef('pp.policy_id', '=', 'p.id').on('pp.role', '=', 'insured'))
    .innerJoin('customer as cu', 'cu.id', 'pp.customer_id')
    .select([
      'p.id',
      'p.policy_no',
      'p.customer_id',
      'p.effective_on',
      'p.expires_on',
      'pr.code',
      'pr.line',
      'pr.waiting_days',
      'pr.claim_documents',
      'pr.coverages',
      'pp.customer_id as insured_id',
      'cu.tier',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('contact_point as cp').select('cp.id').whereRef('cp.customer_id', '=', 'pp.customer_id').where('cp.channel', '=', 'mobile'))
        .as('has_mobile'),
    )
    .where('p.status', '=', 'in_force')
    .where('p.expires_on', '>', horizonOn)
    .where('p.effective_on', '<', incidentOn)
    .orderBy('p.policy_no')
    .orderBy('pp.customer_id')
    .execute();
  return rows
    .filter((r) => Date.parse(r.effective_on) + (r.waiting_days + 1) * DAY < Date.parse(incidentOn))
    .map((r) => ({
      policyId: r.id,
      policyNo: r.policy_no,
      productCode: r.code,
      line: r.line,
      insuredId: r.insured_id,
      holderId: r.customer_id,
      effectiveOn: r.effective_on,
      expiresOn: r.expires_on,
      waitingDays: r.waiting_days,
      documents: r.claim_documents.map((d) => ({ code: d.code, required: d.required })),
      coverage: r.coverages[0]!,
      hasMobile: Boolean(r.has_mobile),
      tier: r.tier,
    }));
}

/** What a demo claim goes through, step by step, from its report `daysAgo` days before the reference time. */
type Scenario =
  | 'reported'
  | 'registered'
  | 'assessing'
  | 'documents_pending'
  | 'adjusting'
  | 'advance_paid'
  | 'approving'
  | 'paying'
  | 'closed'
  | 'fast_track'
  | 'denied'
  | 'withdrawn'
  | 'reopened'
  | 'breached';

export interface DemoPortalLogin {
  policyNo: string;
  idNumber: string;
}

/** The demo's medical product without a deductible, whose small claims the fast track settles. */
const FAST_TRACK_PRODUCT = 'AX-XEMED';

/**
 * Gives one customer insured by a medical policy in force a one-year small-amount medical policy
 * (AX-XEMED, no deductible) from `effectiveOn`, sold by the same agent: the fast track's claim.
 */
async function insureForFastTrack(tx: Tx, deps: ModuleDeps, admin: Actor, effectiveOn: string, incidentOn: string, horizonOn: string) {
  const product = await tx.selectFrom('product').select('id').where('code', '=', FAST_TRACK_PRODUCT).executeTakeFirst();
  // From the end of the list: the other scenarios take their claimants from its start.
  const holder = (await candidates(tx, incidentOn, horizonOn)).findLast((c) => c.line === 'medical' && c.holderId === c.insuredId && c.hasMobile);
  if (!product || !holder) return;
  const { agent_id } = await tx.selectFrom('policy').select('agent_id').where('id', '=', holder.policyId).executeTakeFirstOrThrow();
  const expiresOn = addDays(effectiveOn, 364);
  await createPolicy(deps, admin, { productId: product.id, policyholderId: holder.holderId, insuredIds: [holder.insuredId], sumInsuredFen: 5_000_000, premiumFen: 29_800, paymentFrequency: 'annual', effectiveOn, expiresOn, agentId: agent_id });
}

/** Loads the demo claims (see the file header). */
export async function loadDemoClaims(tx: Tx, context: DemoContext): Promise<void> {
  const store = context.documents;
  const deps: ModuleDeps = { db: tx, cipher: context.cipher };
  const ref = Math.min(Date.now(), HORIZON);
  const at = (ms: number) => new Date(Math.min(ms, ref));
  const onDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
  const admin = await actorFor(tx, context, 'admin');
  await insureForFastTrack(tx, deps, admin, onDate(ref - 200 * DAY), onDate(ref - 60 * DAY), onDate(ref));
  const pool = await candidates(tx, onDate(ref - 60 * DAY), onDate(ref));
  const used = new Set<string>();
  const take = (lines: string[], filter: (c: Candidate) => boolean = () => true) => {
    const found = pool.find((c) => lines.includes(c.line) && !used.has(c.policyId) && !used.has(c.insuredId) && filter(c));
    if (found) {
      used.add(found.policyId);
      used.add(found.insuredId);
    }
    return found;
  };
  const actorCache = new Map<string, Actor>();
  const handlerOf = async (assigneeId: string | null) => {
    if (!assigneeId) return admin;
    if (!actorCache.has(assigneeId)) actorCache.set(assigneeId, actorFromStaff((await findStaffById(tx, assigneeId))!));
    return actorCache.get(assigneeId)!;
  };

  const incidentFor = (c: Candidate, amountFen: number, seq: number): TClaimIncident => {
    switch (c.line) {
      case 'medical':
        return {
          kind: 'medical',
          hospital: ['浙江大学医学院附属第一医院', '广州市第一人民医院', '四川大学华西医院', '宁波市第一医院'][seq % 4]!,
          diagnosisCode: ['J18.9', 'K35.8', 'S82.0', 'I10', 'E11.9', 'N20.0'][seq % 6]!,
          invoiceItems: [{ invoiceNo: `DEMO-INV-${String(seq).padStart(4, '0')}`, description: '住院医疗费用', amountFen }],
          description: '住院治疗',
        };
      case 'motor_commercial':
      case 'motor_compulsory':
        return { kind: 'motor', place: '杭州市西湖区文三路与学院路交叉口', vehiclePlate: '浙A6M2P8', thirdParties: [{ name: '李先生', vehiclePlate: '浙A9K3L1' }], injuries: false, description: '等红灯时被后车追尾，车尾受损' };
      case 'property':
      case 'liability':
        return { kind: 'property', place: '宁波市鄞州区', description: '楼上住户水管爆裂，客厅吊顶和木地板被水浸泡' };
      default:
        return { kind: 'illness', diagnosisCode: 'C50.9', hospital: '浙江省肿瘤医院', event: '体检发现乳腺肿块，病理确诊' };
    }
  };

  const plan: { scenario: Scenario; lines: string[]; daysAgo: number; amountYuan: number; filter?: (c: Candidate) => boolean }[] = [
    { scenario: 'documents_pending', lines: ['medical'], daysAgo: 6, amountYuan: 18_600, filter: (c) => c.hasMobile && c.holderId === c.insuredId },
    { scenario: 'reported', lines: ['medical'], daysAgo: 0.2, amountYuan: 3_200 },
    { scenario: 'registered', lines: ['motor_commercial', 'motor_compulsory'], daysAgo: 1, amountYuan: 6_800 },
    { scenario: 'assessing', lines: ['property', 'liability'], daysAgo: 4, amountYuan: 12_000 },
    // A platinum customer: green channel, at the top of every work queue.
    { scenario: 'assessing', lines: ['medical', 'critical_illness', 'accident'], daysAgo: 2, amountYuan: 58_000, filter: (c) => c.tier === 'platinum' },
    { scenario: 'adjusting', lines: ['medical'], daysAgo: 12, amountYuan: 26_400 },
    { scenario: 'advance_paid', lines: ['medical'], daysAgo: 20, amountYuan: 86_000 },
    { scenario: 'approving', lines: ['medical'], daysAgo: 15, amountYuan: 31_800 },
    { scenario: 'paying', lines: ['medical'], daysAgo: 18, amountYuan: 22_500 },
    { scenario: 'closed', lines: ['medical'], daysAgo: 35, amountYuan: 41_200 },
    { scenario: 'fast_track', lines: ['medical'], daysAgo: 9, amountYuan: 2_860, filter: (c) => c.productCode === FAST_TRACK_PRODUCT },
    { scenario: 'denied', lines: ['critical_illness'], daysAgo: 25, amountYuan: 300_000 },
    { scenario: 'withdrawn', lines: ['motor_commercial', 'motor_compulsory', 'property'], daysAgo: 8, amountYuan: 1_500 },
    { scenario: 'reopened', lines: ['medical', 'accident'], daysAgo: 50, amountYuan: 15_300 },
    { scenario: 'breached', lines: ['medical'], daysAgo: 38, amountYuan: 19_900 },
  ];

  let seq = 0;
  for (const item of plan) {
    const c = take(item.lines, item.filter) ?? take(item.lines);
    if (!c) continue;
    seq++;
    const reportedAt = ref - item.daysAgo * DAY;
    const t = (hoursAfterReport: number) => at(reportedAt + hoursAfterReport * HOUR);
    const amountFen = item.amountYuan * 100;
    const input: TReportClaimRequest = {
      policyId: c.policyId,
      insuredId: c.insuredId,
      channel: (['portal', 'phone', 'counter', 'wechat'] as const)[seq % 4]!,
      incidentAt: new Date(reportedAt - 2 * DAY).toISOString(),
      amountClaimedFen: amountFen,
      incident: incidentFor(c, amountFen, seq),
    };
    let claim = await reportClaim(deps, admin, input, t(0));
    const handler = await handlerOf(claim.row.assignee_id);
    const v = () => claim.row.version;
    const move = async (action: 'register' | 'start_assessment' | 'complete_documents' | 'submit_for_approval' | 'withdraw' | 'reopen', hours: number, reason: string) => {
      claim = await transitionClaim(deps, handler, claim.row.id, { action, reason, version: v() }, t(hours));
    };
    const upload = async (codes: string[], hours: number) => {
      for (const code of codes) claim = await uploadClaimDocument(deps, store, handler, claim.row.id, { code, fileName: `${code.toLowerCase()}.pdf`, contentBase64: PDF }, t(hours));
    };
    const required = c.documents.filter((d) => d.required).map((d) => d.code);
    const adjust = async (hours: number) => {
      const cov = c.coverage;
      claim = await adjustClaim(
        deps,
        handler,
        claim.row.id,
        {
          version: v(),
          lines: [
            {
              coverageCode: cov.code,
              description: '住院及手术费用',
              claimedFen: amountFen,
              excludedFen: Math.round(amountFen * 0.06),
              deductibleFen: Math.min(cov.deductibleFen, Math.round(amountFen * 0.3)),
              ratioPct: cov.reimbursementPct,
              limitFen: cov.sumInsuredLimitFen,
              reason: '扣除自费药品，按条款免赔额和赔付比例计算',
            },
          ],
        },
        t(hours),
      );
    };
    const approve = async (hours: number) => {
      claim = await approveClaim(deps, admin, claim.row.id, { reason: '单证齐全，理算无误，同意赔付', version: v() }, t(hours));
    };
    const pay = async (kind: 'advance' | 'partial' | 'final', amount: number, hours: number) => {
      claim = await recordClaimPayment(deps, handler, claim.row.id, { kind, payeeName: '被保险人本人', bankAccount: '6222020200112233445', amountFen: amount, version: v() }, t(hours));
    };
    const approvedRest = () => (claim.row.amount_approved_fen ?? 0) - claim.payments.reduce((s, p) => s + p.amount_fen, 0);

    switch (item.scenario) {
      case 'reported':
        break;
      case 'registered':
        await move('register', 2, '报案信息完整，予以立案');
        break;
      case 'assessing':
        await move('register', 3, '报案信息完整，予以立案');
        await move('start_assessment', 20, '已安排查勘员上门查看损失');
        break;
      case 'documents_pending':
        await move('register', 4, '报案信息完整，予以立案');
        await upload(required.slice(0, 2), 20);
        claim = await sendDocumentNotice(deps, handler, claim.row.id, { codes: required.slice(2), version: v() }, t(26));
        break;
      case 'adjusting':
      case 'advance_paid':
      case 'approving':
      case 'paying':
      case 'closed':
      case 'reopened':
        await move('register', 2, '报案信息完整，予以立案');
        await upload(required, 30);
        await move('complete_documents', 50, '材料已齐全');
        if (item.scenario === 'adjusting') break;
        await adjust(80);
        if (item.scenario === 'advance_paid') {
          await pay('advance', Math.floor(claim.adjustment.reduce((s, l) => s + l.payable_fen, 0) / 2), 100);
          break;
        }
        await move('submit_for_approval', 90, '理算完成，提交核赔');
        if (item.scenario === 'approving') break;
        await approve(120);
        if (item.scenario === 'paying') break;
        await pay('final', approvedRest(), 150);
        if (item.scenario === 'reopened') await move('reopen', 24 * 30, '客户提交了新的住院发票，申请补充赔付');
        break;
      case 'fast_track':
        await upload(required, 1);
        break;
      case 'denied':
        await move('register', 3, '报案信息完整，予以立案');
        await move('start_assessment', 30, '调取既往病历');
        claim = await denyClaim(deps, handler, claim.row.id, { reason: '投保前已确诊乳腺结节并建议活检，投保时未如实告知，属于条款约定的责任免除情形', clause: '《安心康重大疾病保险条款》第2.4条 责任免除第（一）项', version: v() }, t(24 * 10));
        claim = await recordDenialNotice(deps, handler, claim.row.id, { sentVia: 'letter', version: v() }, t(24 * 11));
        break;
      case 'withdrawn':
        await move('register', 2, '报案信息完整，予以立案');
        await move('withdraw', 30, '客户来电告知已与对方私了，申请撤案');
        break;
      case 'breached':
        await move('register', 5, '报案信息完整，予以立案');
        await move('start_assessment', 30, '需调取医院病历核实');
        claim = await flagClaim(deps, handler, claim.row.id, { fraudSuspected: true, reason: '同一医院短期内多次住院，需核实', version: v() }, t(40));
        break;
    }
  }
  // Clocks past their deadline are recorded as breached, as the overdue board would on opening.
  await sweepClaimClocks(deps, new Date(ref));
}

async function actorFor(tx: Tx, context: DemoContext, username: string): Promise<Actor> {
  return actorFromStaff((await findStaffById(tx, context.staffIds.get(username)!))!);
}

export const demoClaimsStep: DemoStep = { name: 'claims', load: loadDemoClaims };

/**
 * A customer to try the portal with: the policyholder (and insured) whose demo claim waits for
 * documents — policy number and ID number of a fictional demo person, for the start-up banner.
 */
export async function findDemoPortalLogin(db: Executor, cipher: FieldCipher): Promise<DemoPortalLogin | null> {
  const row = await db
    .selectFrom('claim as c')
    .innerJoin('policy as p', 'p.id', 'c.policy_id')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .select(['p.policy_no', 'cu.id_number_enc'])
    .where('c.status', '=', 'documents_pending')
    .whereRef('p.customer_id', '=', 'c.customer_id')
    .where('cu.id_number_enc', 'is not', null)
    .orderBy('c.claim_no')
    .executeTakeFirst();
  return row?.id_number_enc ? { policyNo: row.policy_no, idNumber: cipher.decrypt(row.id_number_enc) } : null;
}
