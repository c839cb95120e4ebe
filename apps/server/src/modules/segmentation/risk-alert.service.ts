import type { TRiskAlert, TRole, ZAssignRiskAlertRequest, ZCloseRiskAlertRequest, ZReviewRiskAlertRequest, ZRiskAlertQuery } from '@anxin/contracts';
import { sql } from 'kysely';
import type { z } from 'zod';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { shanghaiDateOf, shanghaiInstant } from '../../platform/business-calendar.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { permissionsOf } from '../auth/index.ts';
import { findOrgUnitById, findStaffById } from '../org/index.ts';
import { EARNING_POLICY, earnedPremiumSql } from './premium-sql.ts';
import { requestBlacklistInTransaction } from './blacklist.service.ts';
import { readSegmentationSetting } from './settings.ts';
import { formatYuan } from '../../platform/money.ts';

type TRiskAlertQuery = z.infer<typeof ZRiskAlertQuery>;
type TAssignRiskAlertRequest = z.infer<typeof ZAssignRiskAlertRequest>;
type TReviewRiskAlertRequest = z.infer<typeof ZReviewRiskAlertRequest>;
type TCloseRiskAlertRequest = z.infer<typeof ZCloseRiskAlertRequest>;

// Order of checks (docs/api.md): the permission first (403), then the data scope, enforced in SQL (404).
const mayReadRiskAlerts = (actor: Actor) => hasPermission(actor, 'risk_alert:read');
const mayWorkRiskAlerts = (actor: Actor) => hasPermission(actor, 'risk_alert:work');

/** A UUID v7 made in SQL (PostgreSQL 15 has no uuidv7()): the instant's milliseconds over a random v4, version bits set to 7. */
const uuidV7At = (at: Date) =>
  sql<string>`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(${at.getTime()}::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

/** Shifts a 'YYYY-MM-DD' date by whole months or years (clamped to the month's last day, as PostgreSQL does). */
function shiftDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * Opens early-warning alerts (S7) for every customer who meets the 'alerts' setting, in two
 * set-based statements (no per-customer round trips), and returns how many were opened.
 *
 * - multi_claim: at least `multiClaimCount` claims (withdrawn ones excluded) reported in the last
 *   `multiClaimMonths` months, by the claimant (the claim's customer).
 * - high_loss_ratio: for a policyholder, claim payments made in the last `lossRatioYears` years on
 *   their policies ÷ premium earned on those policies over the same window > `lossRatioPct` %, with
 *   at least `lossRatioMinPaidFen` paid. Earned premium is premium-sql.ts's one definition (the
 *   metrics use it too): cover in the window, pending and cancelled policies earning nothing.
 *
 * Re-alerting: an alert needs new evidence since the customer's previous alert of the same kind —
 * for multi_claim the counted claims must all be reported after that alert was opened (the same
 * claims never raise two alerts; a fresh run of claims does), for high_loss_ratio a payment must
 * have been made after it. So a daily batch does not re-alert an unchanged situation, but a
 * recurrence alerts again. period_key is the Shanghai month of opening ('YYYY-MM'): with
 * ON CONFLICT DO NOTHING it makes concurrent or repeated runs idempotent, at most one alert per
 * customer, kind and month (a second situation in the same month opens the next month).
 */
export async function openRiskAlerts(db: Executor, now: Date): Promise<number> {
  const settings = await readSegmentationSetting(db, 'alerts');
  const today = shanghaiDateOf(now);
  const periodKey = today.slice(0, 7);
  const claimsSince = shanghaiInstant(shiftDate(today, -settings.multiClaimMonths));
  const windowStart = shiftDate(today, -12 * settings.lossRatioYears);

  const multiClaim = await sql<{ n: number }>`
    WITH opened AS (
      INSERT INTO risk_alert (customer_id, id, kind, period_key, figures, status, org_unit_id, org_path, opened_at, updated_at)
      SELECT k.customer_id, ${uuidV7At(now)}, 'multi_claim', ${periodKey},
             jsonb_build_object('claims', k.claims, 'months', ${settings.multiClaimMonths}::int),
             'open', c.org_unit_id, o.path, ${now}, ${now}
      FROM (
        SELECT cl.customer_id, count(*)::int AS claims
        FROM claim cl
        LEFT JOIN (SELECT customer_id, max(opened_at) AS at FROM risk_alert WHERE kind = 'multi_claim' GROUP BY customer_id) prev ON prev.customer_id = cl.customer_id
        WHERE cl.reported_at >= ${claimsSince} AND cl.reported_at <= ${now} AND cl.status <> 'withdrawn'
          AND (prev.at IS NULL OR cl.reported_at > prev.at)
        GROUP BY cl.customer_id
        HAVING count(*) >= ${settings.multiClaimCount}
      ) k
      JOIN customer c ON c.id = k.customer_id
      JOIN org_unit o ON o.id = c.org_unit_id
      ON CONFLICT (customer_id, kind, period_key) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM opened`.execute(db);

  const highLossRatio = await sql<{ n: number }>`
    WITH paid AS (
      SELECT p.customer_id, sum(cp.amount_fen)::bigint AS paid_fen, max(cp.paid_at) AS last_paid_at
      FROM claim_payment cp
      JOIN claim cl ON cl.id = cp.claim_id
      JOIN policy p ON p.id = cl.policy_id
      WHERE cp.paid_at >= ${shanghaiInstant(windowStart)} AND cp.paid_at <= ${now}
      GROUP BY p.customer_id
      HAVING sum(cp.amount_fen) >= ${settings.lossRatioMinPaidFen}
    ),
    earned AS (
      SELECT p.customer_id, sum(${earnedPremiumSql(sql`${windowStart}::date`, today)})::bigint AS earned_fen
      FROM policy p
      WHERE p.customer_id IN (SELECT customer_id FROM paid) AND ${EARNING_POLICY}
      GROUP BY p.customer_id
    ),
    opened AS (
      INSERT INTO risk_alert (customer_id, id, kind, period_key, figures, status, org_unit_id, org_path, opened_at, updated_at)
      SELECT x.customer_id, ${uuidV7At(now)}, 'high_loss_ratio', ${periodKey},
             jsonb_build_object('lossRatioPct', round(x.paid_fen::numeric * 100 / e.earned_fen, 1), 'paidFen', x.paid_fen, 'earnedFen', e.earned_fen, 'years', ${settings.lossRatioYears}::int),
             'open', c.org_unit_id, o.path, ${now}, ${now}
      FROM paid x
      JOIN earned e ON e.customer_id = x.customer_id
      JOIN customer c ON c.id = x.customer_id
      JOIN org_unit o ON o.id = c.org_unit_id
      WHERE e.earned_fen > 0
        AND x.paid_fen * 100 > ${settings.lossRatioPct}::bigint * e.earned_fen
        AND NOT EXISTS (SELECT 1 FROM risk_alert ra WHERE ra.customer_id = x.customer_id AND ra.kind = 'high_loss_ratio' AND ra.opened_at >= x.last_paid_at)
      ON CONFLICT (customer_id, kind, period_key) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM opened`.execute(db);

  return (multiClaim.rows[0]?.n ?? 0) + (highLossRatio.rows[0]?.n ?? 0);
}

function select(db: Executor) {
  return db
    .selectFrom('risk_alert as r')
    .innerJoin('customer as c', 'c.id', 'r.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'r.org_unit_id')
    .select([
      'r.customer_id', 'r.id', 'c.name as customer_name', 'r.kind', 'r.period_key', 'r.figures', 'r.status', 'r.org_unit_id', 'o.name as unit_name', 'r.org_path',
      'r.assignee_id', 'r.assignee_name', 'r.decision', 'r.decision_note', 'r.opened_at', 'r.closed_at', 'r.closed_by_name', 'r.version',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

/** Alerts in the actor's data scope (the customer's unit subtree); agents only their own customers'. */
function scoped(db: Executor, actor: Actor) {
  let q = select(db).where('r.org_path', 'like', `${actor.orgPath}%`);
  if (actor.ownRecordsOnly) q = q.where('c.owner_agent_id', '=', actor.id);
  return q;
}

function present(r: Row): TRiskAlert {
  return {
    id: r.id,
    customer: { id: r.customer_id, name: r.customer_name },
    kind: r.kind,
    periodKey: r.period_key,
    figures: r.figures,
    status: r.status,
    unit: { id: r.org_unit_id, name: r.unit_name },
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    decision: r.decision,
    decisionNote: r.decision_note,
    openedAt: r.opened_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    closedBy: r.closed_by_name,
    version: r.version,
  };
}

/** The alert queue in the actor's scope: active (open and in review) by default, newest first; keyset pages. */
export async function listRiskAlerts(deps: ModuleDeps, actor: Actor, query: TRiskAlertQuery) {
  if (!mayReadRiskAlerts(actor)) throw forbidden('You may not view risk alerts');
  let q = scoped(deps.db, actor);
  if (query.status === 'active') q = q.where('r.status', 'in', ['open', 'in_review']);
  else q = q.where('r.status', '=', query.status);
  if (query.kind) q = q.where('r.kind', '=', query.kind);
  if (query.customerId) q = q.where('r.customer_id', '=', query.customerId);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb('r.opened_at', '<', at), eb.and([eb('r.opened_at', '=', at), eb('r.id', '<', id)])]));
  }
  const rows = await q.orderBy('r.opened_at', 'desc').orderBy('r.id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(present), nextCursor: rows.length > query.limit && last ? encodeCursor(last.opened_at, last.id) : null };
}

/** One alert in the actor's scope with its figures. */
export async function getRiskAlert(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadRiskAlerts(actor)) throw forbidden('You may not view risk alerts');
  const row = await scoped(deps.db, actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Risk alert');
  return present(row);
}

type Action = { kind: 'assign'; input: TAssignRiskAlertRequest } | { kind: 'review'; input: TReviewRiskAlertRequest } | { kind: 'close'; input: TCloseRiskAlertRequest };
const ALLOWED_FROM: Record<Action['kind'], readonly string[]> = { assign: ['open', 'in_review'], review: ['open'], close: ['open', 'in_review'] };
const VERB: Record<Action['kind'], string> = { assign: 'assigned', review: 'taken into review', close: 'closed' };

/**
 * The alert's figures in words, kept as the evidence of a blacklist proposal. The entry is a record
 * of the company, read by its (Chinese) staff like the evidence they type in: Chinese, amounts in
 * yuan, the time in China.
 */
function evidenceOf(row: Row): string {
  const f = row.figures as Record<string, unknown>;
  const opened = `${shanghaiDateOf(row.opened_at)} ${new Date(row.opened_at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;
  const base = `风险预警（${row.kind === 'multi_claim' ? '频繁理赔' : '高赔付率'}，${row.period_key}，${opened} 生成）`;
  return row.kind === 'multi_claim'
    ? `${base}：${String(f.months)} 个月内理赔 ${String(f.claims)} 次`
    : `${base}：近 ${String(f.years)} 年赔付率 ${String(f.lossRatioPct)}%（已付赔款 ${formatYuan(Number(f.paidFen))} / 已赚保费 ${formatYuan(Number(f.earnedFen))}）`;
}

/**
 * Works an alert in the actor's scope, with the version as read: assign (to active staff of the
 * alert's unit subtree who may work alerts), review (open → in review; the reviewer becomes the
 * assignee if there is none) or close with a decision and note. Closing with `blacklist_proposed`
 * files a pending blacklist request in the same transaction (reason "other", the note as detail,
 * the figures as evidence), unless the customer already has a pending or unexpired entry.
 */
export async function actOnRiskAlert(deps: ModuleDeps, actor: Actor, id: string, action: Action, now = new Date()) {
  if (!mayWorkRiskAlerts(actor)) throw forbidden('You may not work risk alerts');
  if (action.kind === 'close' && action.input.decision === 'blacklist_proposed' && !hasPermission(actor, 'blacklist:request')) throw forbidden('You may not propose blacklist entries');
  return inTransaction(deps.db, async (tx) => {
    const alert = await scoped(tx, actor).where('r.id', '=', id).executeTakeFirst();
    if (!alert) throw notFound('Risk alert');
    if (alert.version !== action.input.version) throw versionConflict('Risk alert');
    if (!ALLOWED_FROM[action.kind].includes(alert.status)) {
      throw new DomainError('RISK_ALERT_INVALID_TRANSITION', `A risk alert that is ${alert.status.replace('_', ' ')} cannot be ${VERB[action.kind]}`);
    }
    const data: Record<string, unknown> = { change: action.kind, from: alert.status };
    let patch: { status?: 'in_review' | 'closed'; assignee_id?: string; assignee_name?: string; decision?: TCloseRiskAlertRequest['decision']; decision_note?: string; closed_at?: Date; closed_by_name?: string };
    switch (action.kind) {
      case 'assign': {
        const staff = await findStaffById(tx, action.input.assigneeId);
        const unit = staff ? await findOrgUnitById(tx, staff.org_unit_id) : undefined;
        if (!staff || staff.status !== 'active' || !unit || !unit.path.startsWith(alert.org_path) || !permissionsOf(staff.roles as TRole[]).has('risk_alert:work')) {
          throw fieldError('body.assigneeId', rule('not_a_risk_handler', 'no such active staff member who works risk alerts in the alert’s unit'), 'NOT_FOUND');
        }
        patch = { assignee_id: staff.id, assignee_name: staff.display_name };
        data.assigneeId = staff.id;
        break;
      }
      case 'review': {
        const reviewer = alert.assignee_id === null && actor.kind === 'staff' ? await findStaffById(tx, actor.id) : undefined;
        patch = { status: 'in_review', ...(reviewer ? { assignee_id: reviewer.id, assignee_name: reviewer.display_name } : {}) };
        break;
      }
      case 'close':
        patch = { status: 'closed', decision: action.input.decision, decision_note: action.input.note, closed_at: now, closed_by_name: actor.displayName };
        data.decision = action.input.decision;
        if (action.input.decision === 'blacklist_proposed') {
          try {
            data.blacklistEntryId = await requestBlacklistInTransaction(tx, actor, { customerId: alert.customer_id, reason: 'other', detail: action.input.note, evidence: evidenceOf(alert), startsOn: shanghaiDateOf(now) }, now, 'body.decision');
          } catch (error) {
            // The customer is already pending or on the list: the alert closes, pointing at that entry.
            if (!(error instanceof DomainError && error.code === 'DUPLICATE')) throw error;
            data.blacklistEntryId = error.extra.existingId;
            data.blacklistEntryExisted = true;
          }
        }
        break;
    }
    const updated = await tx
      .updateTable('risk_alert')
      .set({ ...patch, version: alert.version + 1, updated_at: now })
      .where('customer_id', '=', alert.customer_id)
      .where('id', '=', id)
      .where('version', '=', alert.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw versionConflict('Risk alert');
    await recordAuditEvent(tx, actor, { action: 'risk_alert.changed', entityType: 'risk_alert', entityId: id, customerId: alert.customer_id, data });
    return present((await select(tx).where('r.id', '=', id).executeTakeFirstOrThrow()));
  });
}
