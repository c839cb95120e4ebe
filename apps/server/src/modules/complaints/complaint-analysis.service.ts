import type { TComplaintAnalysis, TComplaintAnalysisQuery } from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, rule } from '../../platform/errors.ts';
import { findOrgUnitById } from '../org/index.ts';
import { mayReadComplaints } from './complaint.policy.ts';

const DAY = 86_400_000;

/** The first instant of a month in Shanghai (UTC+8), and of the following one. */
export function monthBounds(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000);
  const end = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
  const prevStart = new Date(Date.UTC(y, m - 2, 1) - 8 * 3_600_000);
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { start, end, prevStart, lastDay };
}

const maskName = (name: string) => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`);

const bucketOf = (days: number | null): TComplaintAnalysis['handlingDays'][number]['bucket'] =>
  days === null ? 'open' : days <= 5 ? '0-5' : days <= 10 ? '6-10' : days <= 15 ? '11-15' : days <= 30 ? '16-30' : days <= 60 ? '31-60' : '60+';

/**
 * The monthly complaint analysis (客户投诉分析表) of a unit: complaints of customers served in its
 * subtree received in the month, by category, channel, branch, product and staff member (with the
 * previous month beside each), the rate per 10,000 policies in force, handling time, clock
 * compliance, regulator transfers, collective complaints, repeat complainants and root causes.
 */
export async function complaintAnalysis(deps: ModuleDeps, actor: Actor, query: TComplaintAnalysisQuery): Promise<TComplaintAnalysis> {
  if (!mayReadComplaints(actor)) throw forbidden('You may not view complaints');
  const unit = await findOrgUnitById(deps.db, query.unitId ?? actor.orgUnitId);
  if (!unit || !unit.path.startsWith(actor.orgPath)) throw fieldError('querystring.unitId', rule('not_found', 'no such unit in your scope'), 'NOT_FOUND');
  const { start, end, prevStart, lastDay } = monthBounds(query.month);
  const like = `${unit.path}%`;

  const rows = await deps.db
    .selectFrom('complaint as c')
    .innerJoin('org_unit as hu', 'hu.id', 'c.home_unit_id')
    .leftJoin('policy as p', 'p.id', 'c.policy_id')
    .leftJoin('product as pr', 'pr.id', 'p.product_id')
    .leftJoin('staff as s', 's.id', 'c.staff_concerned_id')
    .select(['c.id', 'c.customer_id', 'c.category', 'c.channel', 'c.collective', 'c.received_at', 'c.due_at', 'c.decided_at', 'c.breached_at', 'c.review_breached_at', 'c.status', 'c.home_unit_id', 'hu.name as home_name', 'pr.code as product_code', 'pr.name as product_name', 's.id as staff_id', 's.display_name as staff_name'])
    .where('c.home_path', 'like', like)
    .where('c.received_at', '>=', prevStart)
    .where('c.received_at', '<', end)
    .execute();
  const current = rows.filter((r) => r.received_at >= start);
  const previous = rows.filter((r) => r.received_at < start);

  const countBy = (keyOf: (r: (typeof rows)[number]) => string, labelOf: (r: (typeof rows)[number]) => string | null = () => null) => {
    const map = new Map<string, { key: string; label: string | null; count: number; previous: number }>();
    for (const [list, field] of [
      [current, 'count'],
      [previous, 'previous'],
    ] as const) {
      for (const r of list) {
        const key = keyOf(r);
        const entry = map.get(key) ?? { key, label: labelOf(r), count: 0, previous: 0 };
        entry[field]++;
        map.set(key, entry);
      }
    }
    return [...map.values()].sort((a, b) => b.count - a.count || b.previous - a.previous || a.key.localeCompare(b.key));
  };

  const inForce = await deps.db
    .selectFrom('policy as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .select(sql<string>`count(*)`.as('n'))
    .where('o.path', 'like', like)
    .where('p.effective_on', '<=', lastDay)
    .where('p.expires_on', '>', lastDay)
    .where('p.status', 'not in', ['pending', 'cancelled'])
    .where((eb) => eb.or([eb('p.status', '=', 'in_force'), eb('p.status_changed_on', 'is', null), eb('p.status_changed_on', '>', lastDay)]))
    .executeTakeFirstOrThrow();
  const policiesInForce = Number(inForce.n);

  const now = new Date();
  let met = 0;
  let breached = 0;
  let running = 0;
  for (const r of current) {
    // Late at either step — the decision, or the higher office's review of a disputed one — is late (as the desk marks it).
    if (r.breached_at || r.review_breached_at || (r.decided_at && r.decided_at > r.due_at) || (!r.decided_at && ['received', 'verified', 'registered', 'handling'].includes(r.status) && r.due_at < now)) breached++;
    else if (r.decided_at) met++;
    else if (r.status === 'withdrawn') continue;
    else running++;
  }
  const buckets = new Map<string, number>(['0-5', '6-10', '11-15', '16-30', '31-60', '60+', 'open'].map((b) => [b, 0]));
  for (const r of current) {
    if (r.status === 'withdrawn' && !r.decided_at) continue;
    const bucket = bucketOf(r.decided_at ? Math.ceil((r.decided_at.getTime() - r.received_at.getTime()) / DAY) : null);
    buckets.set(bucket, buckets.get(bucket)! + 1);
  }

  const repeat = await deps.db
    .selectFrom('complaint as c')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .select(['c.customer_id', 'cu.name', sql<string>`count(*)`.as('n')])
    .where('c.home_path', 'like', like)
    .where('c.received_at', '>', new Date(end.getTime() - 365 * DAY))
    .where('c.received_at', '<', end)
    .groupBy(['c.customer_id', 'cu.name'])
    .having(sql`count(*)`, '>=', 2)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('c.customer_id')
    .limit(20)
    .execute();

  const handling = current.length
    ? await deps.db
        .selectFrom('complaint_record')
        .select(['data_enc'])
        .where('kind', '=', 'handling')
        .where(
          'complaint_id',
          'in',
          current.map((r) => r.id),
        )
        .execute()
    : [];
  const causes = new Map<string, number>();
  for (const h of handling) {
    const cause = String((JSON.parse(deps.cipher.decrypt(h.data_enc)) as { rootCause?: string }).rootCause ?? '').trim();
    if (cause) causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }

  const decidedOrBreached = met + breached;
  return {
    month: query.month,
    unit: { id: unit.id, name: unit.name },
    total: current.length,
    previousTotal: previous.length,
    policiesInForce,
    ratePer10k: policiesInForce > 0 ? Math.round((current.length * 10_000 * 100) / policiesInForce) / 100 : null,
    byCategory: countBy((r) => r.category),
    byChannel: countBy((r) => r.channel),
    byBranch: countBy(
      (r) => r.home_unit_id,
      (r) => r.home_name,
    ),
    byProduct: countBy(
      (r) => r.product_code ?? 'none',
      (r) => r.product_name,
    ),
    byStaff: countBy(
      (r) => r.staff_id ?? 'none',
      (r) => r.staff_name,
    ),
    handlingDays: [...buckets.entries()].map(([bucket, count]) => ({ bucket: bucket as TComplaintAnalysis['handlingDays'][number]['bucket'], count })),
    clock: { met, breached, running, complianceRate: decidedOrBreached > 0 ? Math.round((met * 10_000) / decidedOrBreached) / 100 : null },
    regulatorTransferred: current.filter((r) => r.channel === 'regulator').length,
    collective: current.filter((r) => r.collective).length,
    repeatComplainants: repeat.map((r) => ({ customerId: r.customer_id, name: maskName(r.name), count: Number(r.n) })),
    rootCauses: [...causes.entries()].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause)),
  };
}
