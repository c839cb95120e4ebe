import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { prng } from '../platform/prng.ts';

// A realistic, deterministic book of business for imports and benchmarks: customers in households
// (Chinese names, resident ID numbers with valid check digits, mobiles, ages, occupations) across
// the demo's six city branches, policies on the demo catalogue (≈3 per customer, skewed: a few
// customers hold many), claims (≈1 per customer, in realistic states), complaints and interactions
// (≈10 per customer). The same seed always gives the same files. customers.csv, relationships.csv
// and policies.csv are in the import format (`anxin import …` loads them into a demo database).

export interface GenerateOptions {
  customers: number;
  seed: number;
  out: string;
  /** Called now and then with the rows written so far. */
  onProgress?: (rows: number) => void;
}

export interface GenerateResult {
  files: Record<'customers' | 'relationships' | 'policies' | 'claims' | 'complaints' | 'interactions', number>;
  rows: number;
  seconds: number;
}

// Registration districts the demo's customers do not use: a generated book loads beside the demo
// without ID-number collisions.
const CITIES = [
  { code: 'ZJ-HZ', user: 'hz', region: '330109', address: '浙江省杭州市萧山区', street: ['人民路', '市心路', '金城路', '山阴路'] },
  { code: 'ZJ-NB', user: 'nb', region: '330211', address: '浙江省宁波市镇海区', street: ['城河路', '车站路', '骆驼街', '庄市大道'] },
  { code: 'GD-GZ', user: 'gz', region: '440112', address: '广东省广州市黄埔区', street: ['黄埔东路', '开创大道', '科学大道', '香雪大道'] },
  { code: 'GD-SZ', user: 'sz', region: '440308', address: '广东省深圳市盐田区', street: ['沙头角路', '海山路', '盐田路', '深盐路'] },
  { code: 'SC-CD', user: 'cd', region: '510112', address: '四川省成都市龙泉驿区', street: ['龙泉街', '驿都大道', '星光路', '北京路'] },
  { code: 'SC-MY', user: 'my', region: '510705', address: '四川省绵阳市安州区', street: ['益昌路', '安州大道', '龙泉路', '白云路'] },
] as const;
// The 40 most common surnames, weighted roughly by frequency.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余';
const GIVEN_MALE = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '建国', '建华', '志强', '晓东', '海波', '俊杰', '浩然', '子轩', '宇航'];
const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂英', '玉兰', '丽娟', '婷婷', '雪', '琳', '欣怡', '梓涵', '雨桐', '思琪', '佳怡'];
const OCCUPATIONS = ['软件工程师', '教师', '医生', '护士', '公务员', '销售经理', '会计', '个体经营', '工人', '司机', '律师', '设计师', '退休', '学生', '厨师', '快递员'];
// Demo catalogue: code, line, yearly premium range (yuan), sum insured range (yuan), term years (0 = one year).
const PRODUCTS = [
  ['AX-MED', 'medical', [268, 1890], [3_000_000, 3_000_000], 0, 30],
  ['AX-HMB', 'medical', [69, 159], [2_000_000, 2_000_000], 0, 10],
  ['AX-ACC', 'accident', [100, 300], [500_000, 1_000_000], 0, 15],
  ['AX-CI', 'critical_illness', [3_000, 12_000], [300_000, 1_000_000], 30, 14],
  ['AX-TL20', 'life', [1_000, 5_000], [500_000, 3_000_000], 20, 8],
  ['AX-JQX', 'motor_compulsory', [950, 1_100], [200_000, 200_000], 0, 10],
  ['AX-SYX', 'motor_commercial', [2_500, 6_000], [400_000, 2_000_000], 0, 8],
  ['AX-HOME', 'property', [200, 800], [500_000, 1_000_000], 0, 5],
] as const;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const CLAIM_STATES = [
  ['closed', 62],
  ['denied', 6],
  ['withdrawn', 4],
  ['paying', 4],
  ['approving', 3],
  ['adjusting', 5],
  ['documents_pending', 6],
  ['assessing', 4],
  ['registered', 3],
  ['reported', 3],
] as const;
const COMPLAINT_CATEGORIES = [
  ['claims', 'slow', 35],
  ['sales', 'misleading_sales', 25],
  ['service_attitude', 'rude', 20],
  ['underwriting', 'slow', 8],
  ['surrender_loss', 'principal_loss', 8],
  ['other', 'other', 4],
] as const;
const INTERACTION_CHANNELS = ['phone', 'phone', 'wechat', 'app', 'sms', 'counter', 'email', 'on_site_visit', 'web', 'bot'] as const;
const REFERENCE = Date.UTC(2026, 9, 31); // the book's "today": 31 October 2026
const DAY = 86_400_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoInstant = (ms: number) => new Date(ms).toISOString();

/** A CSV file written in large chunks (UTF-8 with BOM, so Excel reads the Chinese). */
class CsvFile {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  private constructor(private readonly stream: WriteStream) {}
  static open(dir: string, name: string, header: string) {
    const file = new CsvFile(createWriteStream(path.join(dir, name)));
    file.buffer.push(`\uFEFF${header}\n`);
    return file;
  }
  async row(line: string) {
    this.buffer.push(line, '\n');
    this.rows++;
    this.size += line.length + 1;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush() {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close() {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'close');
  }
}

/** Writes the files; returns row counts and the time taken. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const random = prng(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T extends readonly unknown[]>(items: readonly T[]): T => {
    const total = items.reduce((s, i) => s + (i[i.length - 1] as number), 0);
    let r = random() * total;
    for (const i of items) if ((r -= i[i.length - 1] as number) < 0) return i;
    return items[0]!;
  };
  mkdirSync(options.out, { recursive: true });
  const customers = CsvFile.open(options.out, 'customers.csv', '外部编号,姓名,客户类型,性别,出生日期,证件号码,手机号,邮箱,地址,职业,所属机构,业务员,客户等级,客户阶段');
  const relationships = CsvFile.open(options.out, 'relationships.csv', '客户外部编号,关系人外部编号,关系');
  const policies = CsvFile.open(options.out, 'policies.csv', '保单号,产品代码,投保人外部编号,被保险人外部编号,受益人,保额,保费,缴费方式,生效日期,满期日期,保单状态,业务员,所属机构');
  const claims = CsvFile.open(options.out, 'claims.csv', 'claim_no,policy_no,insured_external_id,line,incident_at,reported_at,status,amount_claimed_fen,amount_paid_fen');
  const complaints = CsvFile.open(options.out, 'complaints.csv', 'complaint_no,customer_external_id,org_unit_code,channel,category,sub_reason,received_at,status');
  const interactions = CsvFile.open(options.out, 'interactions.csv', 'customer_external_id,channel,direction,occurred_at,summary');
  const issuedIds = new Set<string>();
  let policySeq = 0;
  let claimSeq = 0;
  let complaintSeq = 0;
  let written = 0;

  const idNumber = (region: string, birth: number, male: boolean) => {
    const date = isoDate(birth).replace(/-/g, '');
    for (let attempt = 0; ; attempt++) {
      let seq = int(0, 499) * 2 + (male ? 1 : 0);
      if (attempt > 20) seq = (seq + attempt * 2) % 1000;
      const body = `${region}${date}${pad(seq, 3)}`;
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
      const id = body + ID_CHECK[sum % 11]!;
      if (!issuedIds.has(id)) {
        issuedIds.add(id);
        return id;
      }
    }
  };
  // Unique mobiles: a bijective mix of the customer's index into the 8-digit tail.
  const mobile = (index: number) => `1${pick(['3', '5', '7', '8', '9'])}${int(0, 9)}${pad(((index + 1) * 2_654_435_761) % 100_000_000, 8)}`;

  let index = 0;
  while (index < options.customers) {
    const city = pick(CITIES);
    const agent = `${city.user}.agent`;
    const surname = SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(random() ** 1.6 * SURNAMES.length))]!;
    const address = `${city.address}${pick(city.street)}${int(1, 399)}号`;
    const headAge = int(24, 72);
    const size = Math.min(options.customers - index, headAge < 30 ? int(1, 2) : int(1, 4));
    // Members: head, spouse, then children (under 25 years younger), as the household allows.
    const members: { id: string; age: number; male: boolean; role: 'head' | 'spouse' | 'child' }[] = [];
    const headMale = random() < 0.55;
    for (let m = 0; m < size; m++) {
      const role = m === 0 ? 'head' : m === 1 && headAge >= 26 ? 'spouse' : 'child';
      const age = role === 'head' ? headAge : role === 'spouse' ? Math.max(22, headAge + int(-4, 4)) : Math.max(0, headAge - int(22, 34));
      members.push({ id: `G${pad(index + m + 1, 8)}`, age, male: role === 'spouse' ? !headMale : role === 'head' ? headMale : random() < 0.5, role });
    }
    for (const [m, member] of members.entries()) {
      const birth = REFERENCE - member.age * 365.25 * DAY - int(0, 364) * DAY;
      const name = `${member.role === 'spouse' ? pick([...SURNAMES.slice(0, 20)]) : surname}${pick(member.male ? GIVEN_MALE : GIVEN_FEMALE)}`;
      const adult = member.age >= 18;
      const tier = random() < 0.02 ? '铂金' : random() < 0.08 ? '黄金' : random() < 0.2 ? '白银' : '普通';
      const stage = random() < 0.85 ? '有效' : random() < 0.5 ? '失效' : '潜在客户';
      await customers.row(
        [
          member.id,
          name,
          '个人',
          member.male ? '男' : '女',
          isoDate(birth),
          idNumber(city.region, birth, member.male),
          adult ? mobile(index + m) : '',
          adult && random() < 0.3 ? `u${index + m + 1}@example.com` : '',
          address,
          member.age >= 65 ? '退休' : member.age < 18 ? '学生' : pick(OCCUPATIONS),
          city.code,
          agent,
          tier,
          stage,
        ].join(','),
      );
      if (member.role === 'spouse') await relationships.row(`${members[0]!.id},${member.id},配偶`);
      if (member.role === 'child') await relationships.row(`${members[0]!.id},${member.id},子女`);
      if (stage === '潜在客户') continue;

      // Policies: ≈3 per customer, skewed (most hold 1–3, a few hold many).
      const count = Math.min(20, Math.max(1, Math.round(Math.exp(random() * random() * 3.2)) + (random() < 0.5 ? 1 : 0)));
      for (let p = 0; p < count; p++) {
        const [code, line, premium, sum, term, weight] = weighted(PRODUCTS);
        void weight;
        if ((line === 'motor_compulsory' || line === 'motor_commercial') && !adult) continue;
        // Within the demo agents' licence period (from 2024-01-01).
        const effective = REFERENCE - int(0, term === 0 ? 360 : 1_000) * DAY;
        const expires = term === 0 ? effective + 365 * DAY : effective + term * 365.25 * DAY;
        const policyNo = `GP${pad(++policySeq, 10)}`;
        const holder = adult ? member.id : members[0]!.id;
        const beneficiary = line === 'life' && members.length > 1 ? `${members.find((x) => x.id !== member.id)!.id}:100` : '';
        await policies.row(
          [policyNo, code, holder, member.id, beneficiary, int(sum[0] / 1000, sum[1] / 1000) * 1000, int(premium[0], premium[1]), term === 0 ? '年缴' : '年缴', isoDate(effective), isoDate(expires), '有效', agent, city.code].join(','),
        );
        // Claims: ≈1 per customer over the years; medical and motor most often.
        const claimRate = line === 'medical' ? 0.55 : line.startsWith('motor') ? 0.4 : line === 'accident' ? 0.25 : 0.08;
        if (random() < claimRate) {
          const incident = effective + int(31, Math.max(32, Math.floor((Math.min(expires, REFERENCE) - effective) / DAY))) * DAY;
          if (incident < REFERENCE) {
            const [status] = weighted(CLAIM_STATES);
            const claimed = int(5, line === 'critical_illness' || line === 'life' ? 3_000 : 300) * 10_000;
            const paid = status === 'closed' ? Math.floor(claimed * (0.6 + random() * 0.4)) : 0;
            await claims.row([`GC${pad(++claimSeq, 10)}`, policyNo, member.id, line, isoInstant(incident + int(0, 86_399) * 1000), isoInstant(incident + int(1, 5) * DAY), status, claimed, paid].join(','));
          }
        }
      }
      // Complaints: a few percent of customers complain, some more than once.
      if (random() < 0.04) {
        for (let k = int(1, random() < 0.15 ? 3 : 1); k > 0; k--) {
          const [category, subReason] = weighted(COMPLAINT_CATEGORIES);
          const received = REFERENCE - int(0, 540) * DAY + int(0, 86_399) * 1000;
          const status = REFERENCE - received > 60 * DAY ? (random() < 0.95 ? 'closed' : 'withdrawn') : pick(['received', 'verified', 'registered', 'handling', 'decided', 'closed']);
          await complaints.row([`GM${pad(++complaintSeq, 10)}`, member.id, city.code, pick(['hotline', 'hotline', 'counter', 'portal', 'regulator', 'email']), category, subReason, isoInstant(received), status].join(','));
        }
      }
      // Interactions: ≈10 per customer over two years.
      const touches = Math.max(0, Math.round(10 + (random() - 0.5) * 12));
      for (let k = 0; k < touches; k++) {
        await interactions.row(`${member.id},${pick(INTERACTION_CHANNELS)},${random() < 0.6 ? 'outbound' : 'inbound'},${isoInstant(REFERENCE - int(0, 730) * DAY + int(0, 86_399) * 1000)},${pick(['续保提醒', '保单咨询', '理赔进度查询', '生日问候', '回访', '产品介绍', '地址变更'])}`);
      }
    }
    index += size;
    written = customers.rows + relationships.rows + policies.rows + claims.rows + complaints.rows + interactions.rows;
    if (index % 10_000 < size) options.onProgress?.(written);
  }
  for (const f of [customers, relationships, policies, claims, complaints, interactions]) await f.close();
  const files = { customers: customers.rows, relationships: relationships.rows, policies: policies.rows, claims: claims.rows, complaints: complaints.rows, interactions: interactions.rows };
  return { files, rows: Object.values(files).reduce((a, b) => a + b, 0), seconds: (performance.now() - started) / 1000 };
}
