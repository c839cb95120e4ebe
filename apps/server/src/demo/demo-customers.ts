// Demo customers: about 2,000 people in households (couples, children, parents) and a few employer
// organisations across the six city branches, with valid ID numbers of the branch's city,
// mobiles, consents and a few interactions each. Deterministic (seeded PRNG) and inserted in
// batches, so the whole step takes a few seconds on PGlite.
import type { Insertable } from 'kysely';
import type { Executor, Tx } from '../platform/db/database.ts';
import type {
  ConsentEventTable,
  ConsentTable,
  ContactPointTable,
  CustomerAttributeDefinitionTable,
  CustomerTable,
  InteractionTable,
  RelationshipTable,
} from '../platform/db/schema/customers.ts';
import { newId } from '../platform/ids.ts';
import {
  idNumberCheckDigit,
  insertCustomerBatches,
  INVERSE_RELATIONSHIP,
  maskBankAccount,
  maskIdNumber,
  namePinyin,
  socialCreditCheckChar,
} from '../modules/customers/index.ts';
import type { DemoContext, DemoStep } from './index.ts';
import { prng } from '../platform/prng.ts';

interface City {
  code: string;
  user: string;
  province: string;
  city: string;
  districts: { code: string; name: string }[];
  streets: string[];
  areaCode: string;
  /** The province branch's agent, who owns a few of the city's customers. */
  provinceAgent: string;
}

const CITIES: City[] = [
  {
    code: 'ZJ-HZ', user: 'hz', province: '浙江省', city: '杭州市', areaCode: '0571', provinceAgent: 'zj.agent',
    districts: [{ code: '330102', name: '上城区' }, { code: '330105', name: '拱墅区' }, { code: '330106', name: '西湖区' }, { code: '330108', name: '滨江区' }, { code: '330110', name: '余杭区' }],
    streets: ['文三路', '天目山路', '延安路', '江南大道', '文一西路', '莫干山路'],
  },
  {
    code: 'ZJ-NB', user: 'nb', province: '浙江省', city: '宁波市', areaCode: '0574', provinceAgent: 'zj.agent',
    districts: [{ code: '330203', name: '海曙区' }, { code: '330205', name: '江北区' }, { code: '330206', name: '北仑区' }, { code: '330212', name: '鄞州区' }],
    streets: ['中山东路', '天童南路', '钱湖北路', '新河路', '解放南路'],
  },
  {
    code: 'GD-GZ', user: 'gz', province: '广东省', city: '广州市', areaCode: '020', provinceAgent: 'gd.agent',
    districts: [{ code: '440103', name: '荔湾区' }, { code: '440104', name: '越秀区' }, { code: '440105', name: '海珠区' }, { code: '440106', name: '天河区' }, { code: '440111', name: '白云区' }],
    streets: ['天河路', '中山大道', '环市东路', '江南大道中', '黄埔大道西', '白云大道北'],
  },
  {
    code: 'GD-SZ', user: 'sz', province: '广东省', city: '深圳市', areaCode: '0755', provinceAgent: 'gd.agent',
    districts: [{ code: '440303', name: '罗湖区' }, { code: '440304', name: '福田区' }, { code: '440305', name: '南山区' }, { code: '440306', name: '宝安区' }, { code: '440307', name: '龙岗区' }],
    streets: ['深南大道', '科苑路', '福华路', '宝安大道', '龙岗大道', '滨海大道'],
  },
  {
    code: 'SC-CD', user: 'cd', province: '四川省', city: '成都市', areaCode: '028', provinceAgent: 'sc.agent',
    districts: [{ code: '510104', name: '锦江区' }, { code: '510105', name: '青羊区' }, { code: '510106', name: '金牛区' }, { code: '510107', name: '武侯区' }, { code: '510108', name: '成华区' }],
    streets: ['人民南路', '蜀都大道', '天府大道', '一环路', '建设路', '红星路'],
  },
  {
    code: 'SC-MY', user: 'my', province: '四川省', city: '绵阳市', areaCode: '0816', provinceAgent: 'sc.agent',
    districts: [{ code: '510703', name: '涪城区' }, { code: '510704', name: '游仙区' }],
    streets: ['临园路', '剑南路', '长虹大道', '绵兴东路'],
  },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const MALE_GIVEN = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇', '浩', '凯', '健', '俊', '帆', '建国', '志强', '文博', '子轩', '宇航', '浩然', '俊杰', '嘉豪', '晓东', '海波', '国庆', '建华', '明轩', '思远', '一鸣'];
const FEMALE_GIVEN = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂英', '玲', '婷', '雪', '慧', '莹', '琳', '倩', '颖', '佳', '欣', '梓涵', '诗涵', '雨萱', '欣怡', '子涵', '思琪', '晓燕', '丽娟', '美玲', '春梅', '海燕', '雅婷', '可欣', '梦瑶', '淑华', '玉兰', '紫萱', '一诺', '若曦', '佳怡'];
const OCCUPATIONS = ['软件工程师', '教师', '医生', '护士', '会计', '销售经理', '公务员', '个体工商户', '律师', '设计师', '司机', '厨师', '工厂技术员', '银行职员', '外卖骑手', '建筑工程师', '大学教授', '自由职业者', '市场专员', '快递员', '餐饮店主', '保险代理人', '电工', '退休'];
const INCOME_BANDS = ['under_50k', '50k_100k', '100k_300k', '300k_1m', 'over_1m'] as const;
const COMPANIES = ['科技有限公司', '贸易有限公司', '建设工程有限公司', '餐饮管理有限公司', '物流有限公司'];
const COMPANY_PREFIX = ['安达', '恒信', '华美', '瑞丰', '东方', '新业', '锦程', '天和', '宏远', '聚力'];
const INDUSTRIES = ['软件和信息技术服务业', '批发和零售业', '建筑业', '住宿和餐饮业', '交通运输业'];
const INTERACTION_SUMMARIES: [channel: string, direction: 'inbound' | 'outbound', summary: string][] = [
  ['phone', 'inbound', '来电咨询保单现金价值'],
  ['phone', 'outbound', '生日关怀电话'],
  ['counter', 'inbound', '柜面办理联系地址变更'],
  ['on_site_visit', 'outbound', '上门讲解家庭保障方案'],
  ['wechat', 'inbound', '微信咨询重疾险等待期'],
  ['app', 'inbound', 'App 查询保单续期缴费日'],
  ['sms', 'outbound', '续期缴费提醒短信'],
  ['email', 'outbound', '发送电子保单'],
  ['web', 'inbound', '官网留言咨询医疗险报销范围'],
  ['bot', 'inbound', '智能客服咨询理赔材料清单'],
  ['phone', 'outbound', '新单回访：确认投保意愿及犹豫期告知'],
];

/** Custom attributes the demo defines, so the console shows typed fields and filters. */
const DEMO_ATTRIBUTES = [
  { key: 'smoker', label_zh: '吸烟', label_en: 'Smoker', type: 'boolean' as const, options: [], filterable: true },
  { key: 'car_owner', label_zh: '有车', label_en: 'Car owner', type: 'boolean' as const, options: [], filterable: true },
  {
    key: 'preferred_contact_time',
    label_zh: '方便联系时间',
    label_en: 'Preferred contact time',
    type: 'enum' as const,
    options: [
      { value: 'morning', labelZh: '上午', labelEn: 'Morning' },
      { value: 'afternoon', labelZh: '下午', labelEn: 'Afternoon' },
      { value: 'evening', labelZh: '晚上', labelEn: 'Evening' },
    ],
    filterable: true,
  },
];

/** Demo "today": fixed so ages and tenures are the same on every load. */
const DEMO_TODAY = new Date('2026-11-01T00:00:00.000Z');
const HOUSEHOLDS_PER_CITY = 115;

interface Person {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  adult: boolean;
}

/** Loads the demo customers (see the file header). */
export const demoCustomersStep: DemoStep = {
  name: 'customers',
  async load(tx: Tx, context: DemoContext) {
    const random = prng(20261122);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const chance = (p: number) => random() < p;
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

    const customers: Insertable<CustomerTable>[] = [];
    const contacts: Insertable<ContactPointTable>[] = [];
    const relationships: Insertable<RelationshipTable>[] = [];
    const consents: Insertable<ConsentTable>[] = [];
    const consentEvents: Insertable<ConsentEventTable>[] = [];
    const interactions: Insertable<InteractionTable>[] = [];
    const usedIds = new Set<string>();
    const usedMobiles = new Set<string>();

    const now = DEMO_TODAY.getTime();
    const dayMs = 86_400_000;
    const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const birthDateForAge = (age: number) => isoDate(now - (age * 365.25 + int(0, 364)) * dayMs);

    const idNumberFor = (regionCode: string, birthDate: string, gender: 'male' | 'female') => {
      for (let attempt = 0; ; attempt++) {
        let seq = int(0, 99) * 10 + (gender === 'male' ? pick([1, 3, 5, 7, 9]) : pick([0, 2, 4, 6, 8]));
        seq = (seq + attempt * 10) % 1000;
        const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
        const id = `${first17}${idNumberCheckDigit(first17)}`;
        if (!usedIds.has(id)) {
          usedIds.add(id);
          return id;
        }
      }
    };
    const mobileFor = () => {
      for (;;) {
        const m = `1${pick(['38', '39', '35', '36', '37', '50', '51', '52', '58', '59', '86', '87', '88', '33', '53', '80', '89', '77'])}${String(int(0, 99_999_999)).padStart(8, '0')}`;
        if (!usedMobiles.has(m)) {
          usedMobiles.add(m);
          return m;
        }
      }
    };
    const link = (a: string, b: string, type: keyof typeof INVERSE_RELATIONSHIP, at: Date) => {
      relationships.push({ customer_id: a, id: newId(), related_customer_id: b, type, created_at: at });
      relationships.push({ customer_id: b, id: newId(), related_customer_id: a, type: INVERSE_RELATIONSHIP[type], created_at: at });
    };

    for (const city of CITIES) {
      const unitId = context.unitIds.get(city.code)!;
      const cityAgent = context.staffIds.get(`${city.user}.agent`)!;
      const provinceAgent = context.staffIds.get(city.provinceAgent)!;
      const csrId = context.staffIds.get(`${city.user}.csr`)!;

      // A few employer organisations per city.
      const employers: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = newId();
        const name = `${city.city.slice(0, 2)}${pick(COMPANY_PREFIX)}${COMPANIES[i]!}`;
        const first17 = `91${city.districts[0]!.code}${String(int(0, 999_999_999)).padStart(9, '0')}`.replace(/[IOSVZ]/g, '0');
        const createdAt = new Date(now - int(400, 2000) * dayMs);
        const py = namePinyin(name);
        customers.push({
          id, kind: 'organisation', name, name_pinyin: py.full, name_initials: py.initials, gender: null, birth_date: null,
          id_number_enc: null, id_number_bidx: null, id_number_masked: null, health_notes_enc: null, bank_account_enc: null, bank_account_masked: null,
          occupation: null, income_band: null, unified_social_credit_code: `${first17}${socialCreditCheckChar(first17)}`, industry: INDUSTRIES[i]!,
          lifecycle_stage: 'active', tier: pick(['gold', 'silver', 'standard']), owner_agent_id: cityAgent, org_unit_id: unitId,
          external_id: null, attributes: JSON.stringify({}), created_by: 'system', created_at: createdAt, updated_at: createdAt,
        });
        const landline = `${city.areaCode}-${int(2000_0000, 8999_9999)}`;
        contacts.push({ customer_id: id, id: newId(), channel: 'landline', value: landline, value_normalised: landline.replace('-', ''), verified: true, preferred: true, label: '总机', created_at: createdAt, updated_at: createdAt });
        employers.push(id);
      }

      for (let h = 0; h < HOUSEHOLDS_PER_CITY; h++) {
        const district = pick(city.districts);
        const address = `${city.province}${city.city}${district.name}${pick(city.streets)}${int(1, 999)}号${int(1, 30)}幢${int(1, 30)}0${int(1, 4)}室`;
        const surname = pick(SURNAMES);
        const createdAt = new Date(now - int(30, 6 * 365) * dayMs - int(0, 86_399_999));
        const owner = chance(0.05) ? provinceAgent : cityAgent;
        const stage = pick(['active', 'active', 'active', 'active', 'prospect', 'lapsed', 'former'] as const);
        const tier = random() < 0.03 ? 'platinum' : random() < 0.12 ? 'gold' : random() < 0.3 ? 'silver' : 'standard';
        const members: (Person & { role: 'head' | 'spouse' | 'child' | 'parent' })[] = [];

        const shape = random();
        const headGender: 'male' | 'female' = chance(0.55) ? 'male' : 'female';
        const headAge = int(26, 62);
        const person = (role: 'head' | 'spouse' | 'child' | 'parent', gender: 'male' | 'female', age: number, familyName: string) => {
          const given = pick(gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
          members.push({ id: newId(), name: `${familyName}${given}`, gender, birthDate: birthDateForAge(age), adult: age >= 18, role });
        };
        person('head', headGender, headAge, surname);
        if (shape > 0.15) person('spouse', headGender === 'male' ? 'female' : 'male', Math.max(22, headAge + int(-5, 5)), pick(SURNAMES));
        if (shape > 0.3) {
          const children = shape > 0.75 ? 2 : 1;
          for (let c = 0; c < children; c++) {
            const childAge = headAge - int(24, 34);
            if (childAge >= 0) person('child', chance(0.5) ? 'male' : 'female', childAge, surname);
          }
        }
        if (shape > 0.85 && headAge + 26 < 92) person('parent', chance(0.5) ? 'male' : 'female', headAge + int(24, 30), surname);

        for (const m of members) {
          const age = Math.floor((now - Date.parse(m.birthDate)) / (365.25 * dayMs));
          const idNumber = idNumberFor(district.code, m.birthDate, m.gender);
          const py = namePinyin(m.name);
          const occupation = !m.adult ? (age >= 6 ? '学生' : null) : age >= 63 ? '退休' : pick(OCCUPATIONS);
          const attributes: Record<string, string | boolean> = {};
          if (m.adult) {
            attributes.smoker = chance(0.22);
            attributes.car_owner = chance(0.55);
            if (chance(0.6)) attributes.preferred_contact_time = pick(['morning', 'afternoon', 'evening']);
          }
          const memberCreated = new Date(createdAt.getTime() + int(0, 20) * dayMs);
          customers.push({
            id: m.id, kind: 'person', name: m.name, name_pinyin: py.full, name_initials: py.initials, gender: m.gender, birth_date: m.birthDate,
            id_number_enc: context.cipher.encrypt(idNumber), id_number_bidx: context.cipher.blindIndex(idNumber), id_number_masked: maskIdNumber(idNumber),
            health_notes_enc: m.adult && chance(0.08) ? context.cipher.encrypt(pick(['高血压，规律服药', '2型糖尿病', '甲状腺结节，定期复查', '轻度脂肪肝'])) : null,
            bank_account_enc: null, bank_account_masked: null,
            occupation, income_band: m.adult && occupation !== '退休' ? pick(INCOME_BANDS) : null,
            unified_social_credit_code: null, industry: null,
            lifecycle_stage: stage, tier, owner_agent_id: owner, org_unit_id: unitId, external_id: null,
            attributes: JSON.stringify(attributes), created_by: 'system', created_at: memberCreated, updated_at: memberCreated,
          });
          if (m.adult && m.role !== 'parent' && chance(0.3)) {
            const account = `62${String(int(10_000_000, 99_999_999))}${String(int(100_000_000, 999_999_999))}`;
            const row = customers[customers.length - 1]!;
            row.bank_account_enc = context.cipher.encrypt(account);
            row.bank_account_masked = maskBankAccount(account);
          }
          if (age >= 16) {
            const mobile = mobileFor();
            contacts.push({ customer_id: m.id, id: newId(), channel: 'mobile', value: mobile, value_normalised: mobile, verified: chance(0.8), preferred: true, label: null, created_at: memberCreated, updated_at: memberCreated });
          }
          if (m.adult) {
            contacts.push({ customer_id: m.id, id: newId(), channel: 'address', value: address, value_normalised: address, verified: chance(0.5), preferred: false, label: '家庭住址', created_at: memberCreated, updated_at: memberCreated });
            if (chance(0.35)) {
              const email = `${py.full}${int(1, 999)}@${pick(['qq.com', '163.com', '126.com', 'sina.com', 'outlook.com'])}`;
              contacts.push({ customer_id: m.id, id: newId(), channel: 'email', value: email, value_normalised: email, verified: false, preferred: false, label: null, created_at: memberCreated, updated_at: memberCreated });
            }
            if (chance(0.5)) {
              const wechat = `wx_${py.full.slice(0, 10)}${int(10, 9999)}`;
              contacts.push({ customer_id: m.id, id: newId(), channel: 'wechat', value: wechat, value_normalised: wechat.toLowerCase(), verified: false, preferred: false, label: null, created_at: memberCreated, updated_at: memberCreated });
            }
          }

          // Consents: service for everyone; marketing for ~60%; separate consent to health data for some adults.
          const grant = (purpose: string, channel: string, separate: boolean, evidenceKind: string, reference: string) => {
            const at = new Date(memberCreated.getTime() + int(0, 3_600_000));
            consents.push({ customer_id: m.id, purpose, channel, separate, granted: true, granted_at: at, withdrawn_at: null, evidence_kind: evidenceKind, evidence_reference: reference, updated_at: at });
            consentEvents.push({ customer_id: m.id, id: newId(), purpose, channel, action: 'granted', separate, evidence_kind: evidenceKind, evidence_reference: reference, staff_id: csrId, staff_name: `${city.user}.csr`, at });
          };
          const formNo = `F${city.areaCode}${String(customers.length).padStart(6, '0')}`;
          grant('service', 'any', false, 'signed_form', formNo);
          if (chance(0.6)) grant('marketing', chance(0.5) ? 'any' : pick(['sms', 'wechat', 'phone']), false, pick(['signed_form', 'electronic_click']), formNo);
          if (m.adult && chance(0.3)) grant('health_data', 'any', true, 'signed_form', `${formNo}-H`);

          if (m.adult) {
            for (let k = int(1, 3); k > 0; k--) {
              const [channel, direction, summary] = pick(INTERACTION_SUMMARIES);
              const occurredAt = new Date(Math.min(now - dayMs, memberCreated.getTime() + int(1, 900) * dayMs + int(0, 36_000_000)));
              interactions.push({
                customer_id: m.id, id: newId(), channel, direction, staff_id: channel === 'bot' ? null : direction === 'outbound' ? owner : csrId,
                staff_name: channel === 'bot' ? '智能客服' : direction === 'outbound' ? 'agent' : `${city.user}.csr`,
                occurred_at: occurredAt, summary, policy_id: null, claim_id: null, complaint_id: null, created_at: occurredAt,
              });
            }
          }
        }

        const head = members[0]!;
        const at = createdAt;
        for (const m of members.slice(1)) {
          if (m.role === 'spouse') link(head.id, m.id, 'spouse', at);
          if (m.role === 'child') link(head.id, m.id, 'child', at);
          if (m.role === 'parent') link(head.id, m.id, 'parent', at);
        }
        const spouse = members.find((m) => m.role === 'spouse');
        if (spouse) for (const child of members.filter((m) => m.role === 'child')) link(spouse.id, child.id, 'child', at);
        if (head.adult && chance(0.15)) link(head.id, pick(employers), 'employer', at);
      }
    }

    const definitions: Insertable<CustomerAttributeDefinitionTable>[] = DEMO_ATTRIBUTES.map((a) => ({
      id: newId(), key: a.key, label_zh: a.label_zh, label_en: a.label_en, type: a.type, options: JSON.stringify(a.options),
      required: false, filterable: a.filterable, created_at: DEMO_TODAY, updated_at: DEMO_TODAY,
    }));
    await insertCustomerBatches(tx, { definitions, customers, contacts, relationships, consents, consentEvents, interactions });
  },
};

/** A demo customer as the policies demo step needs it: who it is, where, and its family links. */
export interface DemoCustomerRef {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  orgUnitId: string;
  ownerAgentId: string | null;
  lifecycleStage: string;
  spouseId: string | null;
  childIds: string[];
  parentIds: string[];
}

/** Every demo customer with its household links (for the policies demo step), in a stable order. */
export async function listDemoCustomers(tx: Executor): Promise<DemoCustomerRef[]> {
  const rows = await tx
    .selectFrom('customer')
    .select(['id', 'kind', 'name', 'gender', 'birth_date', 'org_unit_id', 'owner_agent_id', 'lifecycle_stage'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const links = await tx.selectFrom('relationship').select(['customer_id', 'related_customer_id', 'type']).where('type', 'in', ['spouse', 'child', 'parent']).orderBy('customer_id').orderBy('id').execute();
  const byCustomer = new Map<string, typeof links>();
  for (const l of links) byCustomer.set(l.customer_id, [...(byCustomer.get(l.customer_id) ?? []), l]);
  return rows.map((r) => {
    const mine = byCustomer.get(r.id) ?? [];
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
      orgUnitId: r.org_unit_id,
      ownerAgentId: r.owner_agent_id,
      lifecycleStage: r.lifecycle_stage,
      spouseId: mine.find((l) => l.type === 'spouse')?.related_customer_id ?? null,
      childIds: mine.filter((l) => l.type === 'child').map((l) => l.related_customer_id),
      parentIds: mine.filter((l) => l.type === 'parent').map((l) => l.related_customer_id),
    };
  });
}
