import { describe, expect, it } from 'vitest';
import { cipherFor } from '../app.ts';
import { parseIdNumber } from '../modules/customers/index.ts';
import { createTestContext } from '../test/context.ts';
import { listDemoCustomers } from './demo-customers.ts';
import { loadDemo } from './index.ts';

const ctx = await createTestContext();
const cipher = cipherFor(ctx.config);
await loadDemo(ctx.db, cipher, ctx.config.uploadDir);
const again = await createTestContext();
await loadDemo(again.db, cipherFor(again.config), again.config.uploadDir);

/** First four digits of the region codes of each demo city. */
const CITY_REGION: Record<string, string> = { 'ZJ-HZ': '3301', 'ZJ-NB': '3302', 'GD-GZ': '4401', 'GD-SZ': '4403', 'SC-CD': '5101', 'SC-MY': '5107' };

describe('demo customers', () => {
  it('are about 2,000 people in households across the six city branches', async () => {
    const rows = await ctx.db.selectFrom('customer as c').innerJoin('org_unit as o', 'o.id', 'c.org_unit_id').select(['o.code', 'c.kind']).execute();
    const persons = rows.filter((r) => r.kind === 'person');
    expect(persons.length).toBeGreaterThan(1800);
    expect(persons.length).toBeLessThan(2400);
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(Object.keys(CITY_REGION)));
    const refs = await listDemoCustomers(ctx.db);
    expect(refs.filter((r) => r.spouseId).length).toBeGreaterThan(1000);
    expect(refs.filter((r) => r.childIds.length > 0).length).toBeGreaterThan(500);
    expect(refs.filter((r) => r.parentIds.length > 0).length).toBeGreaterThan(500);
  });

  it('carry valid ID numbers of their branch city, consistent with birth date and gender', async () => {
    const rows = await ctx.db
      .selectFrom('customer as c')
      .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
      .select(['o.code', 'c.id_number_enc', 'c.id_number_bidx', 'c.birth_date', 'c.gender'])
      .where('c.kind', '=', 'person')
      .execute();
    for (const r of rows) {
      const id = cipher.decrypt(r.id_number_enc!);
      const parsed = parseIdNumber(id);
      expect(parsed, id).toMatchObject({ ok: true, birthDate: r.birth_date, gender: r.gender });
      expect(id.slice(0, 4)).toBe(CITY_REGION[r.code]);
      expect(r.id_number_bidx).toBe(cipher.blindIndex(id));
    }
  });

  it('are owned by the branch agent (a few by the province agent), with consents and interactions', async () => {
    const owners = await ctx.db
      .selectFrom('customer as c')
      .innerJoin('staff as s', 's.id', 'c.owner_agent_id')
      .select(['s.username', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('s.username')
      .execute();
    const byOwner = Object.fromEntries(owners.map((o) => [o.username, Number(o.n)]));
    expect(Object.keys(byOwner).sort()).toEqual(['cd.agent', 'gd.agent', 'gz.agent', 'hz.agent', 'my.agent', 'nb.agent', 'sc.agent', 'sz.agent', 'zj.agent'].sort());
    expect(byOwner['hz.agent']).toBeGreaterThan(250);
    const persons = Number((await ctx.db.selectFrom('customer').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'person').executeTakeFirstOrThrow()).n);
    const consents = await ctx.db.selectFrom('consent').select(['purpose', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('purpose').execute();
    const byPurpose = Object.fromEntries(consents.map((c) => [c.purpose, Number(c.n)]));
    expect(byPurpose.service).toBe(persons);
    expect(byPurpose.marketing! / persons).toBeGreaterThan(0.5);
    expect(byPurpose.marketing! / persons).toBeLessThan(0.7);
    expect(byPurpose.health_data).toBeGreaterThan(100);
    const interactions = Number((await ctx.db.selectFrom('interaction').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(interactions).toBeGreaterThan(persons);
  });

  it('are found by pinyin through the API as hz.agent', async () => {
    const login = await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hz.agent', password: 'anxin-demo-2026' } });
    const { token } = login.json() as { token: string };
    const first = await ctx.db.selectFrom('customer as c').innerJoin('staff as s', 's.id', 'c.owner_agent_id').select(['c.name', 'c.name_initials']).where('s.username', '=', 'hz.agent').orderBy('c.id').executeTakeFirstOrThrow();
    const res = await ctx.request({ method: 'GET', url: `/api/v1/customers?q=${first.name_initials}&limit=200`, token });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { items: { name: string }[] }).items.map((c) => c.name)).toContain(first.name);
    // The README's example: hz.agent finds 罗海波 by name, full pinyin and initials.
    for (const q of ['罗海波', 'luohaibo', 'lhb']) {
      const found = await ctx.request({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(q)}&limit=200`, token });
      expect((found.json() as { items: { name: string }[] }).items.map((c) => c.name), q).toContain('罗海波');
    }
  });

  it('are the same on every load', async () => {
    const names = async (db: typeof ctx.db) => (await db.selectFrom('customer').select(['name', 'birth_date', 'id_number_bidx']).orderBy('name').orderBy('birth_date').orderBy('id_number_bidx').execute());
    expect(await names(again.db)).toEqual(await names(ctx.db));
  });
});
