import type { TCondition, TSegment, TSegmentationOverview, TSegmentProfile } from '@anxin/contracts';
import { stringify } from 'csv-stringify/sync';
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { z } from 'zod';
import type { ZCreateSegmentRequest, ZSegmentMemberQuery, ZUpdateSegmentRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { SegmentTable } from '../../platform/db/schema/segmentation.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { maskCustomerName } from '../customers/index.ts';
import { FieldCatalogue } from './conditions.ts';
import { mayAnalyseSegmentation, mayReadSegmentation } from './segmentation.policy.ts';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The actor's customers: units under its path (and its own book for pure agents), as SQL over `c`. */
export function customerScopeSql(actor: Actor): RawBuilder<boolean> {
  const units = sql<boolean>`c.org_unit_id IN (SELECT u.id FROM org_unit u WHERE u.path LIKE ${`${escapeLike(actor.orgPath)}%`})`;
  return actor.ownRecordsOnly ? sql<boolean>`(${units} AND c.owner_agent_id = ${actor.id})` : units;
}

const counts = (rows: { key: string | null; n: number }[]) => rows.filter((r) => r.key !== null).map((r) => ({ key: r.key!, customers: r.n }));

/** Size, averages and distributions of the customers meeting `where` within the actor's scope. */
async function profileOf(db: Executor, actor: Actor, where: RawBuilder<boolean>): Promise<TSegmentProfile> {
  const base = sql`FROM customer_metric m JOIN customer c ON c.id = m.customer_id WHERE ${where} AND ${customerScopeSql(actor)}`;
  const [figures, tiers, lifecycle, genders, lines] = await Promise.all([
    sql<{ size: number; age: number | null; premium: number | null; tenure: number | null; policies: number | null; claims: number | null; paid: number | null; earned: number | null }>`
      SELECT count(*)::int AS size, avg(m.age)::float8 AS age, avg(m.annual_premium_fen)::float8 AS premium, avg(m.tenure_years)::float8 AS tenure,
             avg(m.policies_in_force)::float8 AS policies, avg(m.claims_12m)::float8 AS claims,
             sum(m.claims_paid_3y_fen)::float8 AS paid, sum(m.earned_premium_3y_fen)::float8 AS earned ${base}`.execute(db),
    sql<{ key: string | null; n: number }>`SELECT c.tier AS key, count(*)::int AS n ${base} GROUP BY c.tier ORDER BY n DESC`.execute(db),
    sql<{ key: string | null; n: number }>`SELECT m.lifecycle_segment AS key, count(*)::int AS n ${base} GROUP BY m.lifecycle_segment ORDER BY n DESC`.execute(db),
    sql<{ key: string | null; n: number }>`SELECT c.gender AS key, count(*)::int AS n ${base} GROUP BY c.gender ORDER BY n DESC`.execute(db),
    sql<{ key: string | null; n: number }>`SELECT l.key AS key, count(*)::int AS n ${sql`FROM customer_metric m JOIN customer c ON c.id = m.customer_id CROSS JOIN LATERAL jsonb_object_keys(m.in_force_by_line) AS l(key) WHERE ${where} AND ${customerScopeSql(actor)}`} GROUP BY l.key ORDER BY n DESC`.execute(db),
  ]);
  const f = figures.rows[0]!;
  const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    size: f.size,
    avgAge: r2(f.age),
    avgAnnualPremiumFen: f.premium === null ? null : Math.round(f.premium),
    avgTenureYears: r2(f.tenure),
    avgPoliciesInForce: r2(f.policies),
    avgClaims12m: r2(f.claims),
    lossRatio3yPct: f.earned ? r2(((f.paid ?? 0) / f.earned) * 100) : null,
    tiers: counts(tiers.rows),
    lifecycle: counts(lifecycle.rows),
    lines: counts(lines.rows),
    genders: counts(genders.rows),
  };
}

/** The explorer's live preview: who the conditions select (in the caller's scope) and what they look like. */
export async function previewSegment(deps: ModuleDeps, actor: Actor, conditions: readonly TCondition[]) {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not explore segments');
  const catalogue = await FieldCatalogue.load(deps.db);
  catalogue.check(conditions, 'body.conditions');
  return profileOf(deps.db, actor, catalogue.where(conditions));
}

const toSegment = (r: Selectable<SegmentTable>): TSegment => ({
  id: r.id,
  name: r.name,
  description: r.description,
  conditions: r.conditions as TCondition[],
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: r.version,
});

async function requireSegment(db: Executor, id: string) {
  const row = await db.selectFrom('segment').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Segment');
  return row;
}

/** Saves a segment in the caller's transaction (the explorer, or a cluster saved as a segment). */
export async function createSegmentInTransaction(tx: Tx, actor: Actor, input: { name: string; description: string | null; conditions: readonly TCondition[] }): Promise<string> {
  (await FieldCatalogue.load(tx)).check(input.conditions, 'body.conditions');
  const id = newId();
  const inserted = await tx
    .insertInto('segment')
    .values({ id, name: input.name, description: input.description, conditions: JSON.stringify(input.conditions), created_by: actor.kind === 'staff' ? actor.id : null, created_at: new Date(), updated_at: new Date() })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new DomainError('DUPLICATE', `a segment named ${input.name} exists`, [{ field: 'body.name', message: 'is taken', rule: 'duplicate' }]);
  await recordAuditEvent(tx, actor, { action: 'segment.changed', entityType: 'segment', entityId: id, data: { created: true, name: input.name, conditions: input.conditions } });
  return id;
}

export async function createSegment(deps: ModuleDeps, actor: Actor, input: z.infer<typeof ZCreateSegmentRequest>) {
  if (!mayAnalyseSegmentation(actor)) throw forbidden('You may not save segments');
  const id = await inTransaction(deps.db, (tx) => createSegmentInTransaction(tx, actor, { name: input.name, description: input.description ?? null, conditions: input.conditions }));
  return toSegment(await requireSegment(deps.db, id));
}

export async function listSegments(deps: ModuleDeps, actor: Actor) {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segments');
  return { items: (await deps.db.selectFrom('segment').selectAll().orderBy('name').execute()).map(toSegment) };
}

export async function getSegment(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segments');
  return toSegment(await requireSegment(deps.db, id));
}

export async function updateSegment(deps: ModuleDeps, actor: Actor, id: string, input: z.infer<typeof ZUpdateSegmentRequest>) {
  if (!mayAnalyseSegmentation(actor)) throw forbidden('You may not change segments');
  if (input.conditions) (await FieldCatalogue.load(deps.db)).check(input.conditions, 'body.conditions');
  await inTransaction(deps.db, async (tx) => {
    const row = await tx.selectFrom('segment').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Segment');
    if (row.version !== input.version) throw versionConflict('Segment');
    if (input.name && input.name !== row.name && (await tx.selectFrom('segment').select('id').where('name', '=', input.name).executeTakeFirst())) {
      throw new DomainError('DUPLICATE', `a segment named ${input.name} exists`, [{ field: 'body.name', message: 'is taken', rule: 'duplicate' }]);
    }
    await tx
      .updateTable('segment')
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.conditions ? { conditions: JSON.stringify(input.conditions) } : {}),
        updated_at: new Date(),
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordAuditEvent(tx, actor, { action: 'segment.changed', entityType: 'segment', entityId: id, data: { name: input.name ?? row.name, conditions: input.conditions ?? null } });
  });
  return toSegment(await requireSegment(deps.db, id));
}

/** Deletes a segment; automation rules that used it as their audience go back to everyone. */
export async function deleteSegment(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayAnalyseSegmentation(actor)) throw forbidden('You may not delete segments');
  await inTransaction(deps.db, async (tx) => {
    const row = await tx.selectFrom('segment').select(['id', 'name']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Segment');
    const rules = await tx.updateTable('automation_rule').set({ audience_segment_id: null }).where('audience_segment_id', '=', id).returning('code').execute();
    await tx.deleteFrom('segment').where('id', '=', id).execute();
    await recordAuditEvent(tx, actor, { action: 'segment.changed', entityType: 'segment', entityId: id, data: { deleted: true, name: row.name, audienceOf: rules.map((r) => r.code) } });
  });
}

async function whereOfSegment(db: Executor, id: string) {
  const segment = await requireSegment(db, id);
  const catalogue = await FieldCatalogue.load(db);
  // A segment saved before an attribute was deleted may no longer check: say so rather than guess.
  catalogue.check(segment.conditions, 'segment.conditions');
  return { segment, where: catalogue.where(segment.conditions) };
}

export async function segmentProfile(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segments');
  const { where } = await whereOfSegment(deps.db, id);
  return profileOf(deps.db, actor, where);
}

const memberColumns = sql`c.id, c.name, c.kind, c.tier, m.age, m.annual_premium_fen, m.policies_in_force, m.rfm_segment, m.lifecycle_segment`;
interface MemberRow {
  id: string;
  name: string;
  kind: 'person' | 'organisation';
  tier: 'platinum' | 'gold' | 'silver' | 'standard';
  age: number | null;
  annual_premium_fen: number;
  policies_in_force: number;
  rfm_segment: string | null;
  lifecycle_segment: string | null;
}

/** Members in the caller's scope, by customer id (keyset; the cursor is opaque). */
export async function segmentMembers(deps: ModuleDeps, actor: Actor, id: string, query: z.infer<typeof ZSegmentMemberQuery>) {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segments');
  const { where } = await whereOfSegment(deps.db, id);
  let after: string | null = null;
  if (query.cursor) {
    after = Buffer.from(query.cursor, 'base64url').toString();
    if (!/^[0-9a-f-]{36}$/.test(after)) throw fieldError('querystring.cursor', rule('invalid_cursor', 'is not a cursor this list returned'));
  }
  const rows = (await sql<MemberRow>`
    SELECT ${memberColumns} FROM customer_metric m JOIN customer c ON c.id = m.customer_id
    WHERE ${where} AND ${customerScopeSql(actor)} ${after ? sql`AND m.customer_id > ${after}` : sql``}
    ORDER BY m.customer_id LIMIT ${query.limit + 1}`.execute(deps.db)).rows;
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({ id: r.id, name: r.name, tier: r.tier, age: r.age, annualPremiumFen: Number(r.annual_premium_fen), policiesInForce: r.policies_in_force, rfmSegment: r.rfm_segment as never, lifecycleSegment: r.lifecycle_segment as never })),
    nextCursor: rows.length > query.limit ? Buffer.from(page[page.length - 1]!.id).toString('base64url') : null,
  };
}

/**
 * The members as CSV for a campaign tool: masked names, no contacts or ID numbers (PIPL: the minimum
 * needed), audited with the row count.
 */
export async function exportSegment(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayAnalyseSegmentation(actor)) throw forbidden('You may not export segments');
  const { segment, where } = await whereOfSegment(deps.db, id);
  const rows = (await sql<MemberRow>`
    SELECT ${memberColumns} FROM customer_metric m JOIN customer c ON c.id = m.customer_id
    WHERE ${where} AND ${customerScopeSql(actor)} ORDER BY m.customer_id`.execute(deps.db)).rows;
  const csv = stringify([
    ['客户编号 customer_id', '姓名 name', '客户等级 tier', '年龄 age', '年缴保费(元) annual_premium_yuan', '有效保单 policies_in_force', 'RFM rfm_segment', '生命周期 lifecycle_segment'],
    ...rows.map((r) => [r.id, maskCustomerName(r.name, r.kind), r.tier, r.age ?? '', (Number(r.annual_premium_fen) / 100).toFixed(2), r.policies_in_force, r.rfm_segment ?? '', r.lifecycle_segment ?? '']),
  ]);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'segment.exported', entityType: 'segment', entityId: id, data: { name: segment.name, rows: rows.length } });
  return { filename: `segment-${segment.name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.csv`, csv: `\uFEFF${csv}` };
}

/** Which of these customers belong to a segment (an automation rule's audience). */
export async function customersInSegment(db: Executor, segmentId: string, customerIds: readonly string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const { where } = await whereOfSegment(db, segmentId);
  const rows = (await sql<{ id: string }>`
    SELECT m.customer_id AS id FROM customer_metric m JOIN customer c ON c.id = m.customer_id
    WHERE ${where} AND m.customer_id IN (${sql.join(customerIds)})`.execute(db)).rows;
  return new Set(rows.map((r) => r.id));
}

/** Counts by segment, quadrant, tier and tag over the caller's customers, and the 80/20 check. */
export async function segmentationOverview(deps: ModuleDeps, actor: Actor): Promise<TSegmentationOverview> {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segmentation');
  const scope = customerScopeSql(actor);
  const from = sql`FROM customer_metric m JOIN customer c ON c.id = m.customer_id WHERE ${scope}`;
  const by = (column: RawBuilder<unknown>) => sql<{ key: string | null; n: number }>`SELECT ${column} AS key, count(*)::int AS n ${from} GROUP BY 1 ORDER BY 2 DESC`.execute(deps.db);
  const [total, rfm, lifecycle, quadrants, tiers, tags, share] = await Promise.all([
    sql<{ n: number; at: Date | null }>`SELECT count(*)::int AS n, max(m.computed_at) AS at ${from}`.execute(deps.db),
    by(sql`m.rfm_segment`),
    by(sql`m.lifecycle_segment`),
    by(sql`m.quadrant`),
    by(sql`c.tier`),
    sql<{ key: string; dimension: 'risk' | 'value' | 'need'; n: number }>`
      SELECT t.tag AS key, t.dimension, count(*)::int AS n FROM customer_tag t JOIN customer c ON c.id = t.customer_id
      WHERE ${scope} GROUP BY t.tag, t.dimension ORDER BY t.dimension, n DESC`.execute(deps.db),
    sql<{ pct: number | null }>`
      SELECT (sum(x.p) FILTER (WHERE x.q = 1) * 100.0 / NULLIF(sum(x.p), 0))::float8 AS pct
      FROM (SELECT m.annual_premium_fen AS p, ntile(5) OVER (ORDER BY m.annual_premium_fen DESC, m.customer_id) AS q ${from} AND m.annual_premium_fen > 0) x`.execute(deps.db),
  ]);
  const at = total.rows[0]!.at;
  const pct = share.rows[0]?.pct ?? null;
  return {
    customers: total.rows[0]!.n,
    computedAt: at ? new Date(at).toISOString() : null,
    rfm: counts(rfm.rows),
    lifecycle: counts(lifecycle.rows),
    quadrants: counts(quadrants.rows),
    tiers: counts(tiers.rows),
    tags: tags.rows.map((r) => ({ key: r.key, dimension: r.dimension, customers: r.n })),
    top20PremiumSharePct: pct === null ? null : Math.round(pct * 10) / 10,
  };
}
