import type { TAttributeDefinition, TConsent, TConsentHistory, TContact, TCustomer, TCustomer360, TCustomerList, THousehold, TInteractionList, TRelationshipList, TUnmaskedCustomer } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { cipherFor } from '../../app.ts';
import { idNumberCheckDigit } from './customer-validation.ts';
import { changeConsent } from './consent.service.ts';
import { addRelationship, getVisibleCustomer, hasConsent } from './index.ts';

// Route tests: each route walks 401 → 400 → 403 → 404 → success, then its business rules.
const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
const { units } = org;
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };

await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.analyst', ['analyst']);
await seedStaff(ctx.db, org, units.hq.id, 'hq.auditor', ['compliance_auditor']);
const agentA = await seedStaff(ctx.db, org, units.eastA.id, 'a.agent', ['agent']);
const agentA2 = await seedStaff(ctx.db, org, units.eastA.id, 'a.agent2', ['agent']);
await seedStaff(ctx.db, org, units.eastA.id, 'a.csr', ['csr']);
const agentW = await seedStaff(ctx.db, org, units.westA.id, 'w.agent', ['agent']);
await seedStaff(ctx.db, org, units.westA.id, 'w.csr', ['csr']);

const token = {
  admin: await loginAs(ctx.app, 'hq.admin'),
  analyst: await loginAs(ctx.app, 'hq.analyst'),
  auditor: await loginAs(ctx.app, 'hq.auditor'),
  agentA: await loginAs(ctx.app, 'a.agent'),
  agentA2: await loginAs(ctx.app, 'a.agent2'),
  csrA: await loginAs(ctx.app, 'a.csr'),
  csrW: await loginAs(ctx.app, 'w.csr'),
};

const UNKNOWN_ID = '01960000-0000-7000-8000-000000000000';
const idNumber = (first17: string) => `${first17}${idNumberCheckDigit(first17)}`;
const ZHANG_ID = idNumber('33010619850312001'); // male, 1985-03-12
const LI_ID = idNumber('33010619870704002'); // female, 1987-07-04

const post = (t: string | undefined, url: string, payload: object, headers: Record<string, string> = {}) => ctx.request({ method: 'POST', url, token: t, payload, headers });
const get = (t: string | undefined, url: string) => ctx.request({ method: 'GET', url, token: t });
const patch = (t: string | undefined, url: string, payload: object) => ctx.request({ method: 'PATCH', url, token: t, payload });
const del = (t: string | undefined, url: string) => ctx.request({ method: 'DELETE', url, token: t });
const auditOf = (customerId: string, action: string) =>
  ctx.db.selectFrom('audit_event').selectAll().where('customer_id', '=', customerId).where('action', '=', action).orderBy('seq').execute();

async function create(t: string, payload: object): Promise<TCustomer> {
  const res = await post(t, '/api/v1/customers', payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TCustomer;
}

const zhangPayload = () => ({
  name: '  张　三 ',
  idNumber: ZHANG_ID.toLowerCase(),
  birthDate: '1985-03-12',
  occupation: '软件工程师',
  incomeBand: '300k_1m',
  healthNotes: '高血压，服药控制',
  bankAccount: '6222 0212 3456 7890 123',
  contacts: [
    { channel: 'mobile', value: '+86 138-1234-5678', preferred: true, verified: true },
    { channel: 'email', value: 'Zhang.San@Example.com' },
    { channel: 'address', value: '浙江省杭州市西湖区文三路90号' },
    { channel: 'wechat', value: 'wx_zhang89' },
  ],
  consents: [{ purpose: 'health_data', channel: 'any', evidence: { kind: 'signed_form', reference: '投保单 T-2026-0001 健康告知授权' } }],
});

describe('POST /api/v1/customers', () => {
  it('401 without credentials', async () => {
    expectProblem(await post(undefined, '/api/v1/customers', zhangPayload()), 401, 'UNAUTHENTICATED');
  });

  it('400: each field error carries a stable rule and the params its text needs, for clients to translate', async () => {
    const problem = expectProblem(
      await post(token.csrA, '/api/v1/customers', { name: '', kind: 'alien', occupation: '工'.repeat(101), birthDate: '1985-02-30', bankAccount: 12 }),
      400,
      'VALIDATION_FAILED',
    );
    const byField = Object.fromEntries(problem.errors!.map((e) => [e.field, e]));
    expect(byField['body.name']).toMatchObject({ rule: 'required' });
    expect(byField['body.kind']).toMatchObject({ rule: 'not_one_of', params: { values: 'person, organisation' } });
    expect(byField['body.occupation']).toMatchObject({ rule: 'too_long', params: { maximum: 100 } });
    expect(byField['body.birthDate']).toMatchObject({ rule: 'invalid_date' });
    expect(byField['body.bankAccount']).toMatchObject({ rule: 'wrong_type', params: { expected: 'string' } });
    // Rules found by the service (after the schema) carry theirs too.
    const future = expectProblem(await post(token.csrA, '/api/v1/customers', { name: '王五', birthDate: '2999-01-01' }), 400, 'VALIDATION_FAILED', ['body.birthDate']);
    expect(future.errors![0]).toEqual({ field: 'body.birthDate', message: 'must not be in the future', rule: 'in_future' });
  });

  it('400 names each invalid field', async () => {
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: '', kind: 'alien', tier: 'diamond' }), 400, 'VALIDATION_FAILED', ['body.name', 'body.kind', 'body.tier']);
    const bad = expectProblem(await post(token.csrA, '/api/v1/customers', { name: '王五', idNumber: `${ZHANG_ID.slice(0, 17)}${ZHANG_ID[17] === '1' ? '2' : '1'}` }), 400, 'CUSTOMER_INVALID_ID_NUMBER', ['body.idNumber']);
    expect(bad.errors![0]).toMatchObject({ message: 'check digit does not match (GB 11643)', rule: 'id_number_check_digit' });
    const mismatch = await post(token.csrA, '/api/v1/customers', { name: '王五', idNumber: ZHANG_ID, birthDate: '1985-03-13', gender: 'female' });
    expect(expectProblem(mismatch, 400, 'CUSTOMER_ID_NUMBER_MISMATCH', ['body.birthDate', 'body.gender']).errors!.map((e) => e.rule)).toEqual(['id_number_mismatch', 'id_number_mismatch']);
    // Messages say what is wrong, never the value: no run of 6+ digits of the number, nor the derived birth date.
    const badDate = await post(token.csrA, '/api/v1/customers', { name: '王五', idNumber: idNumber('33010619850230001') });
    expectProblem(badDate, 400, 'CUSTOMER_INVALID_ID_NUMBER', ['body.idNumber']);
    for (const [res, id] of [[mismatch, ZHANG_ID], [badDate, idNumber('33010619850230001')]] as const) {
      const problem = res.json() as { detail?: string; errors?: { message: string }[] };
      const messages = [problem.detail ?? '', ...(problem.errors ?? []).map((e) => e.message)].join(' | ');
      for (let i = 0; i + 6 <= id.length; i++) expect(messages).not.toContain(id.slice(i, i + 6));
      expect(messages).not.toMatch(/\d{6}|1985-03-12|male/);
    }
    expectProblem(
      await post(token.csrA, '/api/v1/customers', { name: '王五', contacts: [{ channel: 'mobile', value: '12345' }, { channel: 'email', value: 'nope@' }] }),
      400,
      'VALIDATION_FAILED',
      ['body.contacts.0.value', 'body.contacts.1.value'],
    );
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: 'ACME', kind: 'organisation', idNumber: ZHANG_ID }), 400, 'VALIDATION_FAILED', ['body.idNumber']);
  });

  it('403 for a role without customer:write', async () => {
    expectProblem(await post(token.analyst, '/api/v1/customers', zhangPayload()), 403, 'FORBIDDEN');
    expectProblem(await post(token.auditor, '/api/v1/customers', zhangPayload()), 403, 'FORBIDDEN');
  });

  it('404 for an org unit or owner outside the caller’s scope', async () => {
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: '王五', orgUnitId: units.westA.id }), 404, 'NOT_FOUND', ['body.orgUnitId']);
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: '王五', ownerAgentId: agentW.staff.id }), 404, 'NOT_FOUND', ['body.ownerAgentId']);
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: '王五', ownerAgentId: UNKNOWN_ID }), 404, 'NOT_FOUND', ['body.ownerAgentId']);
  });

  it('201: normalises, derives gender, encrypts and masks everything sensitive', async () => {
    const zhang = await create(token.agentA, zhangPayload());
    expect(zhang).toMatchObject({
      kind: 'person',
      name: '张三',
      namePinyin: 'zhangsan',
      nameInitials: 'zs',
      gender: 'male',
      birthDate: '1985-03-12',
      idNumber: '330106********' + ZHANG_ID.slice(-4),
      mobile: '138****5678',
      healthNotes: '******',
      bankAccount: '***************0123',
      lifecycleStage: 'prospect',
      tier: 'standard',
      ownerAgentId: agentA.staff.id,
      orgUnitId: units.eastA.id,
      version: 1,
    });
    expect(JSON.stringify(zhang)).not.toContain(ZHANG_ID);
    const row = await ctx.db.selectFrom('customer').selectAll().where('id', '=', zhang.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).toMatch(/^k1:/);
    expect(row.id_number_enc).not.toContain(ZHANG_ID);
    expect(deps.cipher.decrypt(row.id_number_enc!)).toBe(ZHANG_ID);
    expect(row.id_number_bidx).toBe(deps.cipher.blindIndex(ZHANG_ID));
    expect(deps.cipher.decrypt(row.health_notes_enc!)).toBe('高血压,服药控制');
    const audit = await auditOf(zhang.id, 'customer.created');
    expect(audit).toHaveLength(1);
    // No contact value or ID number in the audit data (not "no '138'": the unit ids in it are random hex).
    const auditText = JSON.stringify(audit[0]!.data);
    for (const secret of ['12345678', 'Zhang.San', 'zhang.san', 'wx_zhang89', '文三路', ZHANG_ID]) expect(auditText).not.toContain(secret);
  });

  it('409 DUPLICATE for a second customer with the same ID number or external id', async () => {
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: '张三丰', idNumber: ZHANG_ID }), 409, 'DUPLICATE', ['body.idNumber']);
    await create(token.csrA, { name: '外部客户', externalId: 'EXT-1' });
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: '外部客户二', externalId: 'EXT-1' }), 409, 'DUPLICATE', ['body.externalId']);
  });

  it('Idempotency-Key: a retried create returns the first customer instead of a second one', async () => {
    const headers = { 'idempotency-key': 'create-li-si-1' };
    const payload = { name: '李四', idNumber: LI_ID, contacts: [{ channel: 'mobile', value: '13900001111' }] };
    const first = await post(token.agentA, '/api/v1/customers', payload, headers);
    const second = await post(token.agentA, '/api/v1/customers', payload, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const rows = await ctx.db.selectFrom('customer').select('id').where('name', '=', '李四').execute();
    expect(rows).toHaveLength(1);
  });

  it('a pure agent cannot hand a new customer to another agent', async () => {
    expectProblem(await post(token.agentA, '/api/v1/customers', { name: '王五', ownerAgentId: agentA2.staff.id }), 400, 'VALIDATION_FAILED', ['body.ownerAgentId']);
  });
});

const customerByName = async (name: string) => (await ctx.db.selectFrom('customer').selectAll().where('name', '=', name).executeTakeFirstOrThrow());

describe('GET /api/v1/customers/:id and data scope', () => {
  it('401, 400, 403, 404 and 200', async () => {
    const zhang = await customerByName('张三');
    expectProblem(await get(undefined, `/api/v1/customers/${zhang.id}`), 401, 'UNAUTHENTICATED');
    expectProblem(await get(token.csrA, '/api/v1/customers/not-a-uuid'), 400, 'VALIDATION_FAILED', ['params.id']);
    expectProblem(await get(token.csrA, `/api/v1/customers/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
    const res = await get(token.csrA, `/api/v1/customers/${zhang.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '张三', idNumber: `330106********${ZHANG_ID.slice(-4)}`, mobile: '138****5678' });
  });

  it('a city branch cannot see another branch’s customer; HQ sees all; a pure agent sees only its own', async () => {
    const zhang = await customerByName('张三');
    const westOnly = await create(token.csrW, { name: '赵六' });
    expectProblem(await get(token.csrW, `/api/v1/customers/${zhang.id}`), 404, 'NOT_FOUND');
    expectProblem(await get(token.csrA, `/api/v1/customers/${westOnly.id}`), 404, 'NOT_FOUND');
    expect((await get(token.admin, `/api/v1/customers/${westOnly.id}`)).statusCode).toBe(200);
    expect((await get(token.agentA, `/api/v1/customers/${zhang.id}`)).statusCode).toBe(200);
    expectProblem(await get(token.agentA2, `/api/v1/customers/${zhang.id}`), 404, 'NOT_FOUND');
    const list = (await get(token.agentA2, '/api/v1/customers?limit=200')).json() as TCustomerList;
    expect(list.items).toEqual([]);
    const hq = (await get(token.admin, '/api/v1/customers?limit=200')).json() as TCustomerList;
    expect(hq.items.map((c) => c.name)).toEqual(expect.arrayContaining(['张三', '李四', '赵六']));
    const west = (await get(token.csrW, '/api/v1/customers?limit=200')).json() as TCustomerList;
    expect(west.items.map((c) => c.name)).toEqual(['赵六']);
  });
});

describe('PATCH /api/v1/customers/:id', () => {
  it('400, 403, 404, 200, then 409 on a stale version', async () => {
    const zhang = await customerByName('张三');
    const url = `/api/v1/customers/${zhang.id}`;
    expectProblem(await patch(token.csrA, url, { tier: 'gold' }), 400, 'VALIDATION_FAILED', ['body.version']);
    expectProblem(await patch(token.analyst, url, { tier: 'gold', version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await patch(token.csrW, url, { tier: 'gold', version: 1 }), 404, 'NOT_FOUND');
    expectProblem(await patch(token.csrA, url, { gender: 'female', version: zhang.version }), 400, 'CUSTOMER_ID_NUMBER_MISMATCH', ['body.gender']);
    const res = await patch(token.csrA, url, { tier: 'gold', lifecycleStage: 'active', occupation: '架构师', version: zhang.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tier: 'gold', lifecycleStage: 'active', occupation: '架构师', version: zhang.version + 1 });
    expectProblem(await patch(token.csrA, url, { tier: 'silver', version: zhang.version }), 409, 'VERSION_CONFLICT');
    expect((await customerByName('张三')).tier).toBe('gold');
  });
});

describe('POST /api/v1/customers/:id/unmask', () => {
  it('needs a purpose and customer:unmask, returns the values and audits the fields', async () => {
    const zhang = await customerByName('张三');
    const url = `/api/v1/customers/${zhang.id}/unmask`;
    expectProblem(await post(undefined, url, { fields: ['idNumber'], purpose: 'x' }), 401, 'UNAUTHENTICATED');
    expectProblem(await post(token.csrA, url, { fields: [] , purpose: '核对身份' }), 400, 'VALIDATION_FAILED', ['body.fields']);
    expectProblem(await post(token.csrA, url, { fields: ['idNumber'] }), 400, 'CUSTOMER_PURPOSE_REQUIRED', ['body.purpose']);
    expectProblem(await post(token.analyst, url, { fields: ['idNumber'], purpose: '核对身份' }), 403, 'FORBIDDEN');
    expectProblem(await post(token.csrW, url, { fields: ['idNumber'], purpose: '核对身份' }), 404, 'NOT_FOUND');
    const res = await post(token.csrA, url, { fields: ['idNumber', 'healthNotes', 'bankAccount', 'contacts'], purpose: '保全：变更受益人' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as TUnmaskedCustomer;
    expect(body).toMatchObject({ customerId: zhang.id, idNumber: ZHANG_ID, healthNotes: '高血压,服药控制', bankAccount: '6222021234567890123' });
    expect(body.contacts!.map((c) => c.value)).toEqual(expect.arrayContaining(['13812345678', 'zhang.san@example.com', 'wx_zhang89']));
    const audit = await auditOf(zhang.id, 'customer.unmasked');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ purpose: '保全：变更受益人', entity_id: zhang.id, data: { fields: ['idNumber', 'healthNotes', 'bankAccount', 'contacts'] } });
  });
});

describe('contacts', () => {
  it('masks every channel, keeps one preferred, validates and versions', async () => {
    const zhang = await customerByName('张三');
    const url = `/api/v1/customers/${zhang.id}/contacts`;
    expectProblem(await get(undefined, url), 401, 'UNAUTHENTICATED');
    expectProblem(await post(token.csrA, url, { channel: 'fax', value: '1' }), 400, 'VALIDATION_FAILED', ['body.channel']);
    expectProblem(await post(token.csrA, url, { channel: 'mobile', value: '1234' }), 400, 'VALIDATION_FAILED', ['body.value']);
    expectProblem(await post(token.analyst, url, { channel: 'mobile', value: '13700001111' }), 403, 'FORBIDDEN');
    expectProblem(await post(token.csrW, url, { channel: 'mobile', value: '13700001111' }), 404, 'NOT_FOUND');
    const list = (await get(token.csrA, url)).json() as { items: TContact[] };
    expect(Object.fromEntries(list.items.map((c) => [c.channel, c.value]))).toEqual({
      mobile: '138****5678',
      email: 'z***@example.com',
      address: '浙江省杭州市西湖区****',
      wechat: 'wx****89',
    });
    const added = await post(token.csrA, url, { channel: 'landline', value: '0571 8888 6666', preferred: true });
    expect(added.statusCode, added.body).toBe(201);
    const landline = added.json() as TContact;
    expect(landline).toMatchObject({ value: '0571-****6666', preferred: true });
    const after = (await get(token.csrA, url)).json() as { items: TContact[] };
    expect(after.items.filter((c) => c.preferred).map((c) => c.id)).toEqual([landline.id]);
    const updated = await patch(token.csrA, `${url}/${landline.id}`, { verified: true, version: landline.version });
    expect(updated.json()).toMatchObject({ verified: true, version: landline.version + 1 });
    expectProblem(await patch(token.csrA, `${url}/${landline.id}`, { verified: false, version: landline.version }), 409, 'VERSION_CONFLICT');
    expect((await del(token.csrA, `${url}/${landline.id}`)).statusCode).toBe(204);
    expectProblem(await del(token.csrA, `${url}/${landline.id}`), 404, 'NOT_FOUND');
  });
});

describe('search and keyset pages', () => {
  it('finds 张三 by pinyin, initials, mobile, ID number and name', async () => {
    const search = async (q: string) => ((await get(token.csrA, `/api/v1/customers?q=${encodeURIComponent(q)}`)).json() as TCustomerList).items.map((c) => c.name);
    expect(await search('zhangsan')).toEqual(['张三']);
    expect(await search('zhangs')).toEqual(['张三']);
    expect(await search('zs')).toEqual(['张三']);
    expect(await search('ZS')).toEqual(['张三']);
    expect(await search('+86 138 1234 5678')).toEqual(['张三']);
    expect(await search(ZHANG_ID.toLowerCase())).toEqual(['张三']);
    expect(await search('三')).toEqual(['张三']);
    expect(await search('EXT-1')).toEqual(['外部客户']);
    expect(await search('wangwu')).toEqual([]);
    // Another branch does not find it at all.
    expect(((await get(token.csrW, '/api/v1/customers?q=zhangsan')).json() as TCustomerList).items).toEqual([]);
  });

  it('a Chinese term finds the names that contain it, whatever its length (bigram and trigram indexes)', async () => {
    for (const name of ['李娜', '王李娜', '李娜娜', '欧阳李娜', '李小娜']) await create(token.csrA, { name });
    const search = async (q: string) => ((await get(token.csrA, `/api/v1/customers?q=${encodeURIComponent(q)}&limit=50`)).json() as TCustomerList).items.map((c) => c.name).sort();
    expect(await search('李娜')).toEqual(['李娜', '李娜娜', '欧阳李娜', '王李娜'].sort());
    expect(await search('阳李娜')).toEqual(['欧阳李娜']);
    expect(await search('小')).toEqual(['李小娜']);
    expect(await search('娜娜')).toEqual(['李娜娜']);
    const stored = await ctx.db.selectFrom('customer').select('name_bigrams').where('name', '=', '欧阳李娜').executeTakeFirstOrThrow();
    expect([...stored.name_bigrams].sort()).toEqual(['欧阳', '阳李', '李娜'].sort());
  });

  it('pages do not overlap or skip, in every sort order', async () => {
    const names = ['白一', '白二', '白三', '白四', '白五', '白六', '白七'];
    for (const name of names) await create(token.csrA, { name, tier: 'silver' });
    for (const sort of ['-createdAt', 'createdAt', 'name', '-name', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(token.csrA, `/api/v1/customers?tier=silver&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as TCustomerList;
        seen.push(...page.items.map((c) => c.name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect([...seen].sort()).toEqual([...names].sort());
      if (sort === 'createdAt') expect(seen).toEqual(names);
      if (sort === '-createdAt') expect(seen).toEqual([...names].reverse());
    }
    expectProblem(await get(token.csrA, '/api/v1/customers?cursor=garbage'), 400, 'VALIDATION_FAILED', ['querystring.cursor']);
    expectProblem(await get(token.analyst, '/api/v1/customers?limit=0'), 400, 'VALIDATION_FAILED', ['querystring.limit']);
  });
});

describe('custom attributes', () => {
  it('admins define typed fields; values are validated, filterable and shown in the 360', async () => {
    const url = '/api/v1/customer-attributes';
    expectProblem(await post(token.csrA, url, { key: 'vip_level', labelZh: '贵宾等级', labelEn: 'VIP level', type: 'enum', options: [{ value: 'a', labelZh: 'A', labelEn: 'A' }] }), 403, 'FORBIDDEN');
    expectProblem(await post(token.admin, url, { key: 'Bad Key', labelZh: '', labelEn: 'x', type: 'colour' }), 400, 'VALIDATION_FAILED', ['body.key', 'body.labelZh', 'body.type']);
    expectProblem(await post(token.admin, url, { key: 'vip_level', labelZh: '贵宾等级', labelEn: 'VIP level', type: 'enum' }), 400, 'VALIDATION_FAILED', ['body.options']);
    const vip = await post(token.admin, url, {
      key: 'vip_level',
      labelZh: '贵宾等级',
      labelEn: 'VIP level',
      type: 'enum',
      options: [
        { value: 'a', labelZh: 'A级', labelEn: 'Level A' },
        { value: 'b', labelZh: 'B级', labelEn: 'Level B' },
      ],
      filterable: true,
    });
    expect(vip.statusCode, vip.body).toBe(201);
    const smoker = (await post(token.admin, url, { key: 'smoker', labelZh: '吸烟', labelEn: 'Smoker', type: 'boolean', filterable: true })).json() as TAttributeDefinition;
    await post(token.admin, url, { key: 'car_count', labelZh: '车辆数', labelEn: 'Cars', type: 'number' });
    expectProblem(await post(token.admin, url, { key: 'smoker', labelZh: '吸烟', labelEn: 'Smoker', type: 'boolean' }), 409, 'DUPLICATE', ['body.key']);

    const zhang = await customerByName('张三');
    const bad = await patch(token.csrA, `/api/v1/customers/${zhang.id}`, { attributes: { vip_level: 'z', smoker: 'maybe', car_count: 'two', unknown: 1 }, version: zhang.version });
    expectProblem(bad, 400, 'CUSTOMER_ATTRIBUTE_INVALID', ['body.attributes.vip_level', 'body.attributes.smoker', 'body.attributes.car_count', 'body.attributes.unknown']);
    const ok = await patch(token.csrA, `/api/v1/customers/${zhang.id}`, { attributes: { vip_level: 'a', smoker: false, car_count: '2' }, version: zhang.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as TCustomer).attributes).toEqual({ vip_level: 'a', smoker: false, car_count: 2 });

    const filtered = (await get(token.csrA, '/api/v1/customers?attr.vip_level=a&attr.smoker=false')).json() as TCustomerList;
    expect(filtered.items.map((c) => c.name)).toEqual(['张三']);
    expect(((await get(token.csrA, '/api/v1/customers?attr.vip_level=b')).json() as TCustomerList).items).toEqual([]);
    expectProblem(await get(token.csrA, '/api/v1/customers?attr.car_count=2'), 400, 'VALIDATION_FAILED', ['querystring.attr.car_count']);

    const required = await patch(token.admin, `${url}/${smoker.id}`, { required: true, version: smoker.version });
    expect(required.json()).toMatchObject({ required: true, version: smoker.version + 1 });
    expectProblem(await post(token.csrA, '/api/v1/customers', { name: '没有属性' }), 400, 'CUSTOMER_ATTRIBUTE_INVALID', ['body.attributes.smoker']);
    expect((await patch(token.admin, `${url}/${smoker.id}`, { required: false, version: smoker.version + 1 })).statusCode).toBe(200);
    const list = (await get(token.analyst, url)).json() as { items: TAttributeDefinition[] };
    expect(list.items.map((d) => d.key)).toEqual(['vip_level', 'smoker', 'car_count']);
  });

  it('a definition must accept the values customers hold: a key defined again after deletion, or an enum losing an option in use', async () => {
    const url = '/api/v1/customer-attributes';
    const defs = ((await get(token.admin, url)).json() as { items: TAttributeDefinition[] }).items;
    const smoker = defs.find((d) => d.key === 'smoker')!;
    const vip = defs.find((d) => d.key === 'vip_level')!;
    const zhang = await customerByName('张三');
    expect(zhang.attributes).toMatchObject({ smoker: false, vip_level: 'a' });

    expect((await del(token.admin, `${url}/${smoker.id}`)).statusCode).toBe(204);
    // 张三 holds smoker = false: a text attribute under that key would make 张三 unsavable.
    const misfit = expectProblem(await post(token.admin, url, { key: 'smoker', labelZh: '吸烟', labelEn: 'Smoker', type: 'text' }), 400, 'CUSTOMER_ATTRIBUTE_INVALID', ['body.type']);
    expect(misfit.errors![0]).toMatchObject({ rule: 'stored_values_misfit', params: { count: 1 } });
    const again = await post(token.admin, url, { key: 'smoker', labelZh: '吸烟', labelEn: 'Smoker', type: 'boolean' });
    expect(again.statusCode, again.body).toBe(201);
    const saved = await patch(token.csrA, `/api/v1/customers/${zhang.id}`, { attributes: (await customerByName('张三')).attributes, version: (await customerByName('张三')).version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as TCustomer).attributes).toMatchObject({ smoker: false });

    // An enum keeps the options customers hold; new ones can be added.
    const onlyB = [{ value: 'b', labelZh: 'B级', labelEn: 'Level B' }];
    expectProblem(await patch(token.admin, `${url}/${vip.id}`, { options: onlyB, version: vip.version }), 400, 'CUSTOMER_ATTRIBUTE_INVALID', ['body.options']);
    const added = await patch(token.admin, `${url}/${vip.id}`, { options: [...vip.options, { value: 'c', labelZh: 'C级', labelEn: 'Level C' }], version: vip.version });
    expect(added.statusCode, added.body).toBe(200);
  });
});

describe('relationships and household', () => {
  it('links both ways with the inverse type, is idempotent, and shows the household', async () => {
    const zhang = await customerByName('张三');
    const li = await customerByName('李四');
    const child = await create(token.agentA, { name: '张小明', birthDate: '2015-06-01', gender: 'male' });
    const employer = await create(token.agentA, { name: '安心科技有限公司', kind: 'organisation', industry: '软件' });
    const url = `/api/v1/customers/${zhang.id}/relationships`;
    expectProblem(await post(token.csrA, url, { relatedCustomerId: li.id, type: 'cousin' }), 400, 'VALIDATION_FAILED', ['body.type']);
    expectProblem(await post(token.analyst, url, { relatedCustomerId: li.id, type: 'spouse' }), 403, 'FORBIDDEN');
    expectProblem(await post(token.csrA, url, { relatedCustomerId: UNKNOWN_ID, type: 'spouse' }), 404, 'NOT_FOUND', ['body.relatedCustomerId']);
    expectProblem(await post(token.csrA, url, { relatedCustomerId: zhang.id, type: 'spouse' }), 400, 'CUSTOMER_INVALID_RELATIONSHIP');
    expectProblem(await post(token.csrA, url, { relatedCustomerId: employer.id, type: 'spouse' }), 400, 'CUSTOMER_INVALID_RELATIONSHIP');

    expect((await post(token.csrA, url, { relatedCustomerId: li.id, type: 'spouse' })).statusCode).toBe(201);
    expect((await post(token.csrA, url, { relatedCustomerId: child.id, type: 'child' })).statusCode).toBe(201);
    expect((await post(token.csrA, url, { relatedCustomerId: employer.id, type: 'employer' })).statusCode).toBe(201);
    // Idempotent for import re-runs; a different type for the same pair is refused.
    expect((await post(token.csrA, url, { relatedCustomerId: child.id, type: 'child' })).statusCode).toBe(201);
    expectProblem(await post(token.csrA, url, { relatedCustomerId: child.id, type: 'parent' }), 400, 'CUSTOMER_INVALID_RELATIONSHIP');

    const mine = (await get(token.csrA, url)).json() as TRelationshipList;
    expect(mine.items.map((r) => [r.relatedCustomerName, r.type])).toEqual([['李四', 'spouse'], ['张小明', 'child'], ['安心科技有限公司', 'employer']]);
    const childSide = (await get(token.csrA, `/api/v1/customers/${child.id}/relationships`)).json() as TRelationshipList;
    expect(childSide.items.map((r) => [r.relatedCustomerName, r.type])).toEqual([['张三', 'parent']]);
    const employerSide = (await get(token.csrA, `/api/v1/customers/${employer.id}/relationships`)).json() as TRelationshipList;
    expect(employerSide.items.map((r) => [r.relatedCustomerName, r.type])).toEqual([['张三', 'employee']]);

    const household = (await get(token.csrA, `/api/v1/customers/${zhang.id}/household`)).json() as THousehold;
    expect(household.customer.name).toBe('张三');
    expect(household.members.map((m) => [m.customer.name, m.relationType])).toEqual([['李四', 'spouse'], ['张小明', 'child']]);
    expect(household.members[0]!.customer.mobile).toBe('139****1111');

    // The module API imports use: a re-added pair reports `created: false`; the visible customer carries its version.
    expect((await addRelationship(deps, agentA.actor, zhang.id, { relatedCustomerId: li.id, type: 'spouse' })).created).toBe(false);
    expect(await getVisibleCustomer(deps, agentA.actor, zhang.id)).toMatchObject({ id: zhang.id, ownerAgentId: agentA.staff.id, version: (await customerByName('张三')).version });
    await expect(getVisibleCustomer(deps, agentA2.actor, zhang.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const rel = childSide.items[0]!;
    expect((await del(token.csrA, `/api/v1/customers/${child.id}/relationships/${rel.id}`)).statusCode).toBe(204);
    expect(((await get(token.csrA, url)).json() as TRelationshipList).items.map((r) => r.relatedCustomerName)).toEqual(['李四', '安心科技有限公司']);
    expect((await auditOf(child.id, 'customer.relationship_changed')).map((e) => (e.data as { change: string }).change)).toEqual(['added', 'removed']);
  });
});

describe('relationships across data scopes', () => {
  it('refuses to remove a link to a customer outside the caller’s scope (404, nothing deleted or audited)', async () => {
    const east = await create(token.admin, { name: '赵六', orgUnitId: units.eastA.id, ownerAgentId: agentA.staff.id });
    const west = await create(token.admin, { name: '钱七', orgUnitId: units.westA.id, ownerAgentId: agentW.staff.id });
    expect((await post(token.admin, `/api/v1/customers/${east.id}/relationships`, { relatedCustomerId: west.id, type: 'spouse' })).statusCode).toBe(201);
    const rel = ((await get(token.admin, `/api/v1/customers/${east.id}/relationships`)).json() as TRelationshipList).items[0]!;
    // csrA sees 赵六 but not 钱七 (the list already hides the link; a known id must not let the link be removed either).
    expectProblem(await del(token.csrA, `/api/v1/customers/${east.id}/relationships/${rel.id}`), 404, 'NOT_FOUND');
    expect(((await get(token.admin, `/api/v1/customers/${west.id}/relationships`)).json() as TRelationshipList).items).toHaveLength(1);
    expect((await auditOf(west.id, 'customer.relationship_changed')).map((e) => (e.data as { change: string }).change)).toEqual(['added']);
    expect((await del(token.admin, `/api/v1/customers/${east.id}/relationships/${rel.id}`)).statusCode).toBe(204);
    expect((await auditOf(west.id, 'customer.relationship_changed')).map((e) => (e.data as { change: string }).change)).toEqual(['added', 'removed']);
  });
});

describe('consents', () => {
  it('grant and withdraw keep history; hasConsent honours channel any', async () => {
    const zhang = await customerByName('张三');
    const base = `/api/v1/customers/${zhang.id}/consents`;
    const evidence = { kind: 'signed_form', reference: 'F-2026-001' };
    expectProblem(await post(token.csrA, `${base}/grant`, { purpose: 'spam', evidence }), 400, 'VALIDATION_FAILED', ['body.purpose']);
    expectProblem(await post(token.csrA, `${base}/grant`, { purpose: 'marketing' }), 400, 'VALIDATION_FAILED', ['body.evidence']);
    expectProblem(await post(token.analyst, `${base}/grant`, { purpose: 'marketing', evidence }), 403, 'FORBIDDEN');
    expectProblem(await post(token.csrW, `${base}/grant`, { purpose: 'marketing', evidence }), 404, 'NOT_FOUND');

    expect(await hasConsent(deps, zhang.id, 'marketing', 'sms')).toBe(false);
    const granted = await post(token.csrA, `${base}/grant`, { purpose: 'marketing', channel: 'any', evidence });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ purpose: 'marketing', channel: 'any', granted: true, separate: false, evidence });
    expect(await hasConsent(deps, zhang.id, 'marketing', 'sms')).toBe(true);
    expect(await hasConsent(deps, zhang.id, 'marketing', 'email')).toBe(true);

    const withdrawn = await post(token.csrA, `${base}/withdraw`, { purpose: 'marketing', channel: 'sms', evidence: { kind: 'recorded_call', reference: 'CALL-77' } });
    expect(withdrawn.json()).toMatchObject({ channel: 'sms', granted: false });
    expect(await hasConsent(deps, zhang.id, 'marketing', 'sms')).toBe(false);
    expect(await hasConsent(deps, zhang.id, 'marketing', 'email')).toBe(true);

    const health = await post(token.csrA, `${base}/grant`, { purpose: 'health_data', evidence: { kind: 'electronic_click', reference: 'APP-1' } });
    expect(health.json()).toMatchObject({ purpose: 'health_data', separate: true, granted: true });

    // Withdrawing on `any` withdraws every channel of the purpose.
    await post(token.csrA, `${base}/grant`, { purpose: 'marketing', channel: 'sms', evidence });
    await post(token.csrA, `${base}/withdraw`, { purpose: 'marketing', channel: 'any', evidence });
    expect(await hasConsent(deps, zhang.id, 'marketing', 'sms')).toBe(false);
    expect(await hasConsent(deps, zhang.id, 'marketing', 'wechat')).toBe(false);

    const current = (await get(token.csrA, base)).json() as { items: TConsent[] };
    expect(current.items.map((c) => [c.purpose, c.channel, c.granted])).toEqual([['health_data', 'any', true], ['marketing', 'any', false], ['marketing', 'sms', false]]);
    const page1 = (await get(token.csrA, `${base}/history?limit=4`)).json() as TConsentHistory;
    const page2 = (await get(token.csrA, `${base}/history?limit=4&cursor=${page1.nextCursor}`)).json() as TConsentHistory;
    const history = [...page1.items, ...page2.items];
    expect(history.map((e) => [e.purpose, e.channel, e.action])).toEqual([
      ['marketing', expect.any(String), 'withdrawn'],
      ['marketing', expect.any(String), 'withdrawn'],
      ['marketing', 'sms', 'granted'],
      ['health_data', 'any', 'granted'],
      ['marketing', 'sms', 'withdrawn'],
      ['marketing', 'any', 'granted'],
      // Given on the application form when the customer was created, with the health notes.
      ['health_data', 'any', 'granted'],
    ]);
    expect(page2.nextCursor).toBeNull();
    expect(history[0]!.staffName).toBe('a.csr');
    expect((await auditOf(zhang.id, 'consent.changed')).length).toBe(6);
  });
});

describe('consent precedence and separate consent', () => {
  it('a grant on any does not override a channel’s own withdrawal; withdrawing on any withdraws every channel', async () => {
    const zhou = await create(token.csrA, { name: '周九' });
    const base = `/api/v1/customers/${zhou.id}/consents`;
    const evidence = { kind: 'signed_form', reference: 'F-2026-009' };
    expect((await post(token.csrA, `${base}/withdraw`, { purpose: 'marketing', channel: 'sms', evidence })).statusCode).toBe(200);
    const grant = await post(token.csrA, `${base}/grant`, { purpose: 'marketing', channel: 'any', evidence });
    expect(grant.json()).toMatchObject({ channel: 'any', granted: true });
    expect(await hasConsent(deps, zhou.id, 'marketing', 'sms')).toBe(false);
    expect(await hasConsent(deps, zhou.id, 'marketing', 'email')).toBe(true);
    const current = (await get(token.csrA, base)).json() as { items: TConsent[] };
    expect(current.items.map((c) => [c.purpose, c.channel, c.granted])).toEqual([['marketing', 'any', true], ['marketing', 'sms', false]]);
    // Withdrawing on `any` also withdraws channels that had a grant of their own.
    await post(token.csrA, `${base}/grant`, { purpose: 'marketing', channel: 'email', evidence });
    await post(token.csrA, `${base}/withdraw`, { purpose: 'marketing', channel: 'any', evidence });
    for (const ch of ['sms', 'email', 'wechat', 'any'] as const) expect(await hasConsent(deps, zhou.id, 'marketing', ch)).toBe(false);
  });

  it('a separate-consent grant (health_data, financial_data) needs evidence with a reference', async () => {
    const wu = await create(token.agentA, { name: '吴十' });
    const base = `/api/v1/customers/${wu.id}/consents`;
    expectProblem(await post(token.csrA, `${base}/grant`, { purpose: 'health_data' }), 400, 'VALIDATION_FAILED', ['body.evidence']);
    expectProblem(await post(token.csrA, `${base}/grant`, { purpose: 'financial_data', evidence: { kind: 'signed_form', reference: '   ' } }), 400, 'VALIDATION_FAILED', ['body.evidence.reference']);
    // Server-side callers (imports) bypass the HTTP schema: the service enforces the rule itself.
    await expect(changeConsent(deps, agentA.actor, wu.id, 'granted', { purpose: 'health_data', evidence: { kind: 'signed_form', reference: ' \u3000 ' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.evidence' }],
    });
    await expect(changeConsent(deps, agentA.actor, wu.id, 'granted', { purpose: 'health_data' } as never)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await hasConsent(deps, wu.id, 'health_data', 'any')).toBe(false);
    // Without the health_data consent, health notes cannot be stored on update.
    const refused = await patch(token.agentA, `/api/v1/customers/${wu.id}`, { healthNotes: '糖尿病', version: wu.version });
    expectProblem(refused, 409, 'CONSENT_REQUIRED', ['body.healthNotes']);
    const ok = await changeConsent(deps, agentA.actor, wu.id, 'granted', { purpose: 'health_data', evidence: { kind: 'electronic_click', reference: 'APP-9' } });
    expect(ok).toMatchObject({ purpose: 'health_data', channel: 'any', separate: true, granted: true });
    const stored = await patch(token.agentA, `/api/v1/customers/${wu.id}`, { healthNotes: '糖尿病', version: wu.version });
    expect(stored.statusCode, stored.body).toBe(200);
    expect((await patch(token.agentA, `/api/v1/customers/${wu.id}`, { healthNotes: null, version: (stored.json() as TCustomer).version })).statusCode).toBe(200);
  });
});

describe('interactions and the 360 view', () => {
  it('logs touchpoints newest first and assembles the 360 view (audited)', async () => {
    const zhang = await customerByName('张三');
    const url = `/api/v1/customers/${zhang.id}/interactions`;
    expectProblem(await post(token.csrA, url, { channel: 'telepathy', direction: 'inbound', summary: 'x' }), 400, 'VALIDATION_FAILED', ['body.channel']);
    expectProblem(await post(token.analyst, url, { channel: 'phone', direction: 'inbound', summary: '咨询' }), 403, 'FORBIDDEN');
    expectProblem(await post(token.csrW, url, { channel: 'phone', direction: 'inbound', summary: '咨询' }), 404, 'NOT_FOUND');
    const times = ['2026-01-05T02:00:00.000Z', '2026-03-01T02:00:00.000Z', '2026-02-01T02:00:00.000Z'];
    for (const [i, at] of times.entries()) {
      const res = await post(token.csrA, url, { channel: i === 0 ? 'counter' : 'phone', direction: 'inbound', occurredAt: at, summary: `  咨询\u3000第${i + 1}次 ` });
      expect(res.statusCode, res.body).toBe(201);
    }
    const first = (await get(token.csrA, `${url}?limit=2`)).json() as TInteractionList;
    expect(first.items.map((i) => i.summary)).toEqual(['咨询 第2次', '咨询 第3次']);
    expect(first.items[0]!.staffName).toBe('a.csr');
    const second = (await get(token.csrA, `${url}?limit=2&cursor=${first.nextCursor}`)).json() as TInteractionList;
    expect(second.items.map((i) => i.occurredAt)).toEqual(['2026-01-05T02:00:00.000Z']);
    expect(second.nextCursor).toBeNull();

    expectProblem(await get(undefined, `/api/v1/customers/${zhang.id}/360`), 401, 'UNAUTHENTICATED');
    expectProblem(await get(token.csrW, `/api/v1/customers/${zhang.id}/360`), 404, 'NOT_FOUND');
    const res = await get(token.analyst, `/api/v1/customers/${zhang.id}/360`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as TCustomer360;
    expect(view.customer).toMatchObject({ name: '张三', idNumber: `330106********${ZHANG_ID.slice(-4)}`, healthNotes: '******' });
    expect(view.contacts.every((c) => c.value.includes('*'))).toBe(true);
    expect(view.household.map((m) => m.relationType)).toEqual(['spouse']);
    expect(view.consents.length).toBe(3);
    expect(view.interactions.items).toHaveLength(3);
    expect(view.tags).toEqual([]);
    expect(view.attributes.find((a) => a.definition.key === 'vip_level')!.value).toBe('a');
    expect(view.value).toMatchObject({ tenureYears: 0, lossRatio: null });
    expect(view.sections).toHaveProperty('policies');
    expect(res.body).not.toContain(ZHANG_ID);
    expect(res.body).not.toContain('13812345678');
    const viewed = (await auditOf(zhang.id, 'customer.viewed')).filter((e) => (e.data as { view: string }).view === '360');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]!.actor_name).toBe('hq.analyst');
    // The view reads its lists in one statement with the customer; they match the separate routes.
    const base = `/api/v1/customers/${zhang.id}`;
    expect(view.contacts).toEqual((await get(token.analyst, `${base}/contacts`)).json().items);
    expect(view.consents).toEqual((await get(token.analyst, `${base}/consents`)).json().items);
    expect(view.household).toEqual((await get(token.analyst, `${base}/household`)).json().members);
    expect(view.relationships).toEqual((await get(token.analyst, `${base}/relationships`)).json().items);
    expect(view.interactions).toEqual((await get(token.analyst, `${base}/interactions?limit=10`)).json());
    expect(view.attributes.map((a) => a.definition)).toEqual((await get(token.analyst, '/api/v1/customer-attributes')).json().items);
    expect(view.contacts.length).toBeGreaterThan(0);
  });
});

describe('read audit', () => {
  it('audits each read of one customer’s personal data once, naming the view; lists stay unaudited', async () => {
    const sun = await create(token.csrA, { name: '孙八', contacts: [{ channel: 'mobile', value: '13700001111' }] });
    const base = `/api/v1/customers/${sun.id}`;
    expect(await auditOf(sun.id, 'customer.viewed')).toHaveLength(0);
    for (const path of ['', '/contacts', '/household', '/interactions']) expect((await get(token.csrA, `${base}${path}`)).statusCode).toBe(200);
    expect((await get(token.csrA, `/api/v1/customers?q=${encodeURIComponent('孙八')}`)).statusCode).toBe(200);
    expectProblem(await get(token.csrW, base), 404, 'NOT_FOUND');
    const viewed = await auditOf(sun.id, 'customer.viewed');
    expect(viewed.map((e) => (e.data as { view: string }).view)).toEqual(['profile', 'contacts', 'household', 'interactions']);
    expect(viewed.every((e) => e.customer_id === sun.id && e.entity_id === sun.id && e.actor_name === 'a.csr')).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the customer routes under their tags', async () => {
    const doc = (await get(undefined, '/api/openapi.json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths['/api/v1/customers/{id}/360']!.get!.tags).toEqual(['customers']);
    expect(doc.paths['/api/v1/customers/{id}/consents/grant']!.post!.tags).toEqual(['consents']);
    expect(doc.paths['/api/v1/customers/{id}/interactions']!.post!.tags).toEqual(['interactions']);
    expect(doc.paths['/api/v1/customer-attributes']!.post!.tags).toEqual(['customer-attributes']);
  });
});

describe('health notes at creation', () => {
  it('are refused without the health_data consent in the same request (409 CONSENT_REQUIRED), nothing is created', async () => {
    const payload = { name: '周健', healthNotes: '糖尿病史', contacts: [] };
    expectProblem(await post(token.csrA, '/api/v1/customers', payload), 409, 'CONSENT_REQUIRED', ['body.healthNotes']);
    expect(await ctx.db.selectFrom('customer').select('id').where('name', '=', '周健').execute()).toEqual([]);
    expectProblem(
      await post(token.csrA, '/api/v1/customers', { ...payload, consents: [{ purpose: 'health_data', channel: 'sms', evidence: { kind: 'signed_form', reference: 'F-1' } }] }),
      409,
      'CONSENT_REQUIRED',
      ['body.healthNotes'],
    );
    const created = await create(token.csrA, { ...payload, consents: [{ purpose: 'health_data', evidence: { kind: 'signed_form', reference: '投保单 F-2 健康告知授权' } }] });
    expect(await hasConsent(deps, created.id, 'health_data', 'any')).toBe(true);
    const audits = await auditOf(created.id, 'consent.changed');
    expect(audits).toHaveLength(1);
  });
});
