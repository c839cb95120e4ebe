import type { TCondition, TTagDefinition } from '@anxin/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { ZCreateTagDefinitionRequest, ZUpdateTagDefinitionRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { FieldCatalogue, reasonOf } from './conditions.ts';
import { mayManageSegmentation, mayReadSegmentation } from './segmentation.policy.ts';
import { readSegmentationSetting } from './settings.ts';

/** Tags set by something other than a tag rule; a rule may not take their codes. */
const RESERVED_TAGS = ['churn_watch', 'good_customer', 'bad_customer'];

async function loadDefinitions(db: Executor, code?: string): Promise<TTagDefinition[]> {
  let q = db
    .selectFrom('tag_definition as d')
    .select(['d.code', 'd.dimension', 'd.name_zh', 'd.name_en', 'd.conditions', 'd.active', 'd.builtin', 'd.updated_at', 'd.version'])
    .select((eb) => eb.selectFrom('customer_tag as t').select(sql<number>`count(*)::int`.as('n')).whereRef('t.tag', '=', 'd.code').as('customers'));
  if (code) q = q.where('d.code', '=', code);
  const rows = await q.orderBy('d.dimension').orderBy('d.code').execute();
  return rows.map((r) => ({
    code: r.code,
    dimension: r.dimension,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    conditions: r.conditions as TCondition[],
    active: r.active,
    builtin: r.builtin,
    customers: r.customers ?? 0,
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  }));
}

/** Tag rules (C5) by dimension, with how many customers carry each tag now. */
export async function listTagDefinitions(deps: ModuleDeps, actor: Actor) {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view tag rules');
  return { items: await loadDefinitions(deps.db) };
}

/** A new tag rule; it applies from the next segmentation run (or at once with `anxin segment run`). */
export async function createTagDefinition(deps: ModuleDeps, actor: Actor, input: z.infer<typeof ZCreateTagDefinitionRequest>) {
  if (!mayManageSegmentation(actor)) throw forbidden('You may not change tag rules');
  (await FieldCatalogue.load(deps.db)).check(input.conditions, 'body.conditions');
  if (RESERVED_TAGS.includes(input.code)) throw new DomainError('DUPLICATE', `${input.code} is set by the system`, [{ field: 'body.code', message: 'is reserved', rule: 'reserved' }]);
  await inTransaction(deps.db, async (tx) => {
    const inserted = await tx
      .insertInto('tag_definition')
      .values({ code: input.code, dimension: input.dimension, name_zh: input.nameZh, name_en: input.nameEn, conditions: JSON.stringify(input.conditions), created_at: new Date(), updated_at: new Date() })
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new DomainError('DUPLICATE', `tag ${input.code} exists`, [{ field: 'body.code', message: 'is taken', rule: 'duplicate' }]);
    await recordAuditEvent(tx, actor, { action: 'segmentation_rule.changed', entityType: 'tag_definition', entityId: input.code, data: { created: true, dimension: input.dimension, conditions: input.conditions } });
  });
  return (await loadDefinitions(deps.db, input.code))[0]!;
}

/** Renames, changes the conditions of, or switches a tag rule; switching off removes its tags. */
export async function updateTagDefinition(deps: ModuleDeps, actor: Actor, code: string, input: z.infer<typeof ZUpdateTagDefinitionRequest>) {
  if (!mayManageSegmentation(actor)) throw forbidden('You may not change tag rules');
  if (input.conditions) (await FieldCatalogue.load(deps.db)).check(input.conditions, 'body.conditions');
  await inTransaction(deps.db, async (tx) => {
    const row = await tx.selectFrom('tag_definition').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Tag rule');
    if (row.version !== input.version) throw versionConflict('Tag rule');
    await tx
      .updateTable('tag_definition')
      .set({
        ...(input.nameZh ? { name_zh: input.nameZh } : {}),
        ...(input.nameEn ? { name_en: input.nameEn } : {}),
        ...(input.conditions ? { conditions: JSON.stringify(input.conditions) } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: new Date(),
        version: row.version + 1,
      })
      .where('code', '=', code)
      .execute();
    if (input.active === false) await tx.deleteFrom('customer_tag').where('tag', '=', code).where('source', '=', 'tag_rule').execute();
    await recordAuditEvent(tx, actor, { action: 'segmentation_rule.changed', entityType: 'tag_definition', entityId: code, data: { active: input.active ?? row.active, conditions: input.conditions ?? null } });
  });
  return (await loadDefinitions(deps.db, code))[0]!;
}

/**
 * Applies one tag: customers meeting the conditions get (or keep) it with the facts of why; those
 * who no longer do lose it. Set-based; `only` limits it to some customers (event refresh).
 */
async function applyTag(
  db: Executor,
  catalogue: FieldCatalogue,
  tag: { code: string; dimension: 'risk' | 'value' | 'need'; conditions: readonly TCondition[]; source: string; extra?: RawBuilder<boolean> },
  now: Date,
  only: RawBuilder<unknown>,
): Promise<number> {
  const where = tag.extra ? sql<boolean>`(${catalogue.where(tag.conditions)} AND ${tag.extra})` : catalogue.where(tag.conditions);
  await sql`
    DELETE FROM customer_tag t
    WHERE t.tag = ${tag.code} AND t.source = ${tag.source} ${only === EMPTY ? sql`` : sql`AND t.customer_id IN (SELECT m.customer_id FROM customer_metric m WHERE true ${only})`}
      AND NOT EXISTS (SELECT 1 FROM customer_metric m JOIN customer c ON c.id = m.customer_id WHERE m.customer_id = t.customer_id AND ${where})`.execute(db);
  const result = await sql`
    INSERT INTO customer_tag (customer_id, tag, dimension, reason, source, applied_at, facts)
    SELECT m.customer_id, ${tag.code}, ${tag.dimension}, ${reasonOf(tag.conditions)}, ${tag.source}, ${now}, ${catalogue.facts(tag.conditions)}
    FROM customer_metric m JOIN customer c ON c.id = m.customer_id
    WHERE ${where} ${only}
    ON CONFLICT (customer_id, tag) DO UPDATE SET facts = EXCLUDED.facts, reason = EXCLUDED.reason, dimension = EXCLUDED.dimension
    WHERE customer_tag.source = EXCLUDED.source`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

const EMPTY = sql``;

/**
 * Every active tag rule, then the automatic good- and bad-customer lists (S6) from the list
 * settings: good = claim-free for N years, tenure ≥ M years, no complaint in 12 months and no low
 * satisfaction score; bad = loss ratio above the threshold, or many complaints in 12 months.
 * Returns the customer tags written.
 */
export async function applyTags(db: Executor, now: Date, customerIds?: readonly string[]): Promise<number> {
  if (customerIds?.length === 0) return 0;
  const only = customerIds ? sql`AND m.customer_id IN (${sql.join(customerIds)})` : EMPTY;
  const catalogue = await FieldCatalogue.load(db);
  const definitions = await db.selectFrom('tag_definition').selectAll().orderBy('code').execute();
  let written = 0;
  for (const d of definitions) {
    if (!d.active) continue;
    written += await applyTag(db, catalogue, { code: d.code, dimension: d.dimension, conditions: d.conditions, source: 'tag_rule' }, now, only);
  }
  const lists = await readSegmentationSetting(db, 'lists');
  const good: TCondition[] = [
    { field: 'claim_free_years', op: '>=', value: lists.goodClaimFreeYears },
    { field: 'tenure_years', op: '>=', value: lists.goodTenureYears },
    { field: 'complaints_12m', op: '=', value: 0 },
    { field: 'policies_in_force', op: '>=', value: 1 },
  ];
  const noLowScore = sql<boolean>`COALESCE(m.latest_csat, 5) >= ${lists.goodCsat}`;
  written += await applyTag(db, catalogue, { code: 'good_customer', dimension: 'value', conditions: good, source: 'list', extra: noLowScore }, now, only);
  for (const [i, bad] of [[{ field: 'loss_ratio_3y_pct', op: '>', value: lists.badLossRatioPct }], [{ field: 'complaints_12m', op: '>=', value: lists.badComplaints12m }]].entries()) {
    // One tag with two alternative reasons: the first that applies explains it.
    written += await applyTag(db, catalogue, { code: 'bad_customer', dimension: 'risk', conditions: bad as TCondition[], source: i === 0 ? 'list' : 'list:complaints' }, now, only);
  }
  return written;
}
