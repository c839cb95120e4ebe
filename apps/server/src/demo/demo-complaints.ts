// Demo complaints: a few hundred over the six months before the demo's reference time, across the
// six city branches, made through the real complaints services (registration, verification,
// registration record, decisions, customers accepting or disputing, reviews, extensions,
// withdrawals) so each carries its records, audit entries and clock history; a handful are open at
// every step of the procedure. Deterministic (seeded PRNG).
import { COMPLAINT_SUB_REASONS, type TComplaintActionRequest, type TComplaintCategory, type TComplaintChannel } from '@anxin/contracts';
import type { Actor } from '../platform/actor.ts';
import { prng } from '../platform/prng.ts';
import type { Tx } from '../platform/db/database.ts';
import type { ModuleDeps } from '../platform/deps.ts';
import { actorFromStaff } from '../modules/auth/index.ts';
import { actOnComplaint, createComplaint } from '../modules/complaints/index.ts';
import { findStaffById } from '../modules/org/index.ts';
import { DEMO_ORG } from './demo-org.ts';
import type { DemoContext, DemoStep } from './index.ts';

/** An action request without its version (filled in from the current row). */
type WithoutVersion<T> = T extends unknown ? Omit<T, 'version'> : never;

const HORIZON = Date.parse('2026-11-28T02:00:00.000Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** How many complaints the demo holds. */
export const DEMO_COMPLAINTS = 240;

/** What customers complain about, by category: the subject and its sub-reason, which agree. */
const SUBJECTS: Record<TComplaintCategory, [string, string][]> = {
  sales: [['业务员夸大收益，实际分红远低于宣传', 'misleading_sales'], ['投保时未说明免责条款', 'exclusions_not_explained'], ['保单上的签名不是本人所签', 'forged_signature'], ['老人被推销不适合的理财型保险', 'unsuitable_product']],
  underwriting: [['健康告知后被加费，理由不清楚', 'loading_or_exclusion'], ['核保时间太长，迟迟没有结果', 'slow'], ['被拒保但未告知原因', 'refused']],
  claims: [['理赔进度太慢，两周无人联系', 'slow'], ['理赔金额比预期低很多', 'amount_too_low'], ['住院理赔被拒，认为不合理', 'denied'], ['要求提供的理赔材料过多', 'documents_burden']],
  service_attitude: [['客服电话长时间无人接听', 'unreachable'], ['柜面人员态度恶劣', 'rude'], ['频繁接到推销电话', 'harassing_calls'], ['告知的信息前后不一致', 'wrong_information']],
  surrender_loss: [['退保只拿回一半本金', 'principal_loss'], ['退保损失事先没有讲清楚', 'not_explained']],
  other: [['保单邮寄地址变更未生效', 'other'], ['发票开具错误', 'other']],
};

const CATEGORY_ZH: Record<TComplaintCategory, string> = { sales: '销售', underwriting: '承保', claims: '理赔', service_attitude: '服务态度', surrender_loss: '退保损失', other: '其他' };

const groupBy = <T>(rows: T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
};

const pickWeighted = <T extends string>(random: () => number, weights: [T, number][]): T => {
  let r = random() * weights.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weights) if ((r -= w) < 0) return v;
  return weights[0]![0];
};

export async function loadDemoComplaints(tx: Tx, context: DemoContext): Promise<void> {
  const deps: ModuleDeps = { db: tx, cipher: context.cipher };
  const random = prng(20261129);
  const ref = Math.min(Date.now(), HORIZON);
  const actors = new Map<string, Actor>();
  const actor = async (username: string) => {
    if (!actors.has(username)) actors.set(username, actorFromStaff((await findStaffById(tx, context.staffIds.get(username)!))!));
    return actors.get(username)!;
  };
  // Handlers by unit id: the complaint handler of each city, province and head office.
  const handlerOf = new Map<string, string>([[context.unitIds.get(DEMO_ORG.code)!, 'hq.complaint_handler']]);
  const cities: { unitId: string; user: string }[] = [];
  for (const p of DEMO_ORG.provinces) {
    handlerOf.set(context.unitIds.get(p.code)!, `${p.user}.complaint_handler`);
    for (const c of p.cities) {
      handlerOf.set(context.unitIds.get(c.code)!, `${c.user}.complaint_handler`);
      cities.push({ unitId: context.unitIds.get(c.code)!, user: c.user });
    }
  }
  const customers = await tx
    .selectFrom('customer')
    .select(['id', 'org_unit_id'])
    .where('kind', '=', 'person')
    .where('lifecycle_stage', '<>', 'prospect')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const byCity = new Map(cities.map((c) => [c.unitId, customers.filter((x) => x.org_unit_id === c.unitId)]));
  // What a complaint is about: the customer's own policies (with the agent who sold them) and claims
  // (with the adjuster handling them), so the monthly analysis has products and staff to show.
  // A second PRNG keeps the complaints themselves the same as before these links.
  const linkRandom = prng(20261201);
  const policiesOf = groupBy(
    await tx.selectFrom('policy').select(['id', 'customer_id', 'agent_id', 'effective_on']).orderBy('effective_on').orderBy('id').execute(),
    (p) => p.customer_id,
  );
  const claimsOf = groupBy(
    await tx.selectFrom('claim').select(['id', 'customer_id', 'policy_id', 'assignee_id', 'reported_at']).orderBy('reported_at').orderBy('id').execute(),
    (c) => c.customer_id,
  );
  const about = (customerId: string, category: TComplaintCategory, receivedAt: number, csrId: string) => {
    const received = new Date(receivedAt);
    const claims = (claimsOf.get(customerId) ?? []).filter((c) => new Date(c.reported_at) <= received);
    if (category === 'claims' && claims.length > 0) {
      const claim = claims[Math.floor(linkRandom() * claims.length)]!;
      return { claimId: claim.id, policyId: claim.policy_id, ...(claim.assignee_id && linkRandom() < 0.6 ? { staffConcernedId: claim.assignee_id } : {}) };
    }
    const day = new Date(receivedAt + 8 * HOUR).toISOString().slice(0, 10);
    const policies = (policiesOf.get(customerId) ?? []).filter((p) => String(p.effective_on) <= day);
    // Without a claim on file, a claims complaint still names the policy it is about.
    if (category === 'service_attitude') return linkRandom() < 0.5 ? { staffConcernedId: csrId } : {};
    if (category === 'other' || policies.length === 0) return {};
    const policy = policies[Math.floor(linkRandom() * policies.length)]!;
    return { policyId: policy.id, ...(category === 'sales' && linkRandom() < 0.8 ? { staffConcernedId: policy.agent_id } : {}) };
  };

  for (let i = 0; i < DEMO_COMPLAINTS; i++) {
    const city = cities[Math.floor(random() * cities.length)]!;
    const pool = byCity.get(city.unitId)!;
    if (pool.length === 0) continue;
    let customer = pool[Math.floor(random() * pool.length)]!;
    const category = pickWeighted<TComplaintCategory>(random, [['claims', 35], ['sales', 25], ['service_attitude', 20], ['underwriting', 8], ['surrender_loss', 8], ['other', 4]]);
    const channel = pickWeighted<TComplaintChannel>(random, [['hotline', 50], ['counter', 15], ['portal', 10], ['regulator', 8], ['email', 5], ['letter', 5], ['media', 7]]);
    const subReasons = COMPLAINT_SUB_REASONS[category];
    const subjects = SUBJECTS[category];
    // The sub-reason and the customer's words follow the subject.
    const [subject, subReason] = subjects[Math.floor(random() * subjects.length)]!;
    const collective = random() < 0.02;
    const ageDays = random() * 180;
    const receivedAt = ref - ageDays * DAY;
    // Some claims complaints come from the customers whose claims are on file.
    if (category === 'claims' && linkRandom() < 0.5) {
      const claimants = pool.filter((c) => (claimsOf.get(c.id) ?? []).some((cl) => new Date(cl.reported_at).getTime() <= receivedAt));
      if (claimants.length > 0) customer = claimants[Math.floor(linkRandom() * claimants.length)]!;
    }
    const at = (days: number) => new Date(Math.min(receivedAt + days * DAY + (i % 7) * HOUR, ref));
    const id = await createComplaint(
      deps,
      await actor(`${city.user}.csr`),
      {
        customerId: customer.id,
        channel,
        category,
        subReason: subReasons.includes(subReason) ? subReason : 'other',
        severity: random() < 0.05 ? 'critical' : random() < 0.15 ? 'serious' : 'normal',
        collective,
        ...(collective ? { representatives: 3 } : {}),
        ...(channel === 'regulator' ? { regulatorRef: `银保监投〔2026〕${100 + i}号` } : {}),
        subject,
        description: '客户来电反映：' + subject + '，希望公司尽快核实处理并给予答复。',
        demand: random() < 0.5 ? '尽快处理并书面答复' : undefined,
        receivedAt: new Date(receivedAt).toISOString(),
        ...about(customer.id, category, receivedAt, context.staffIds.get(`${city.user}.csr`)!),
      },
      at(0),
    );
    // How far it got: recent complaints are still open at some step; older ones are closed.
    const fate = ageDays < 12 ? pickWeighted(random, [['open', 70], ['closed', 30]]) : pickWeighted(random, [['closed', 86], ['review', 6], ['withdrawn', 4], ['extended', 4]]);
    const openAt = fate === 'open' ? Math.floor(random() * 5) : 9; // 0 received … 4 decided
    let version = 1;
    const step = async (body: WithoutVersion<TComplaintActionRequest>, days: number) => {
      const current = await tx.selectFrom('complaint').select(['org_unit_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      version = current.version;
      await actOnComplaint(deps, await actor(handlerOf.get(current.org_unit_id)!), id, { ...body, version } as TComplaintActionRequest, at(days));
    };
    if (fate === 'withdrawn') {
      await step({ action: 'withdraw', reason: '客户来电表示问题已解决，申请撤诉' }, 2);
      continue;
    }
    if (openAt === 0) continue;
    await step({ action: 'verify', facts: '已调取保单及通话录音，情况基本属实', customerContacted: true }, 1);
    if (openAt === 1) continue;
    await step({ action: 'register', summary: `${CATEGORY_ZH[category]}类投诉，已登记并指定专人处理` }, 1.5);
    if (openAt === 2) continue;
    if (fate === 'extended') await step({ action: 'extend', reason: '需调取第三方资料，案情复杂', customerToldVia: 'sms' }, 10);
    await step({ action: 'coordinate', note: '已与相关部门沟通处理方案' }, 3);
    if (openAt === 3) continue;
    const compensation = random() < 0.2 ? Math.floor(random() * 50) * 10_000 : 0;
    await step(
      { action: 'decide', findings: '经核实，投诉事项部分属实', responsibility: random() < 0.5 ? 'company' : 'shared', resolution: '向客户致歉并说明处理结果', compensationFen: compensation, rootCause: category === 'sales' ? '销售过程告知不充分' : category === 'claims' ? '理赔时效管理不到位' : '服务规范执行不到位' },
      fate === 'extended' ? 20 : 4 + random() * 9,
    );
    if (openAt === 4) continue;
    if (fate === 'review') {
      await step({ action: 'record_response', response: 'disputes', note: '客户对处理结果不满意' }, 15);
      if (ageDays > 50) await step({ action: 'decide_review', findings: '原处理意见依据充分', outcome: random() < 0.7 ? 'upheld' : 'changed', resolution: '上级机构核查后书面答复客户' }, 35);
      continue;
    }
    await step({ action: 'record_response', response: 'accepts' }, fate === 'extended' ? 22 : 14);
  }
}

export const demoComplaintsStep: DemoStep = { name: 'complaints', load: loadDemoComplaints };
