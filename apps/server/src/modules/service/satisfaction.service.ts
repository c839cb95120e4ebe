import type { TSatisfactionQuery, TSatisfactionReport, TServiceKpis } from '@anxin/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { shanghaiInstant } from '../../platform/business-calendar.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, rule } from '../../platform/errors.ts';
import { findOrgUnitById } from '../org/index.ts';
import { addDays } from '../policies/index.ts';
import { countDueVisits } from './follow-up-visit.service.ts';
import { satisfactionFigures, type SatisfactionCounts } from './nps.ts';
import { mayReadService } from './service.policy.ts';
import { countTasks } from './task.service.ts';

const GROUPS: Record<TSatisfactionQuery['groupBy'], { key: RawBuilder<string>; label: RawBuilder<string> }> = {
  unit: { key: sql`s.org_unit_id::text`, label: sql`min(o.name)` },
  product: { key: sql`coalesce(s.product_id::text, '')`, label: sql`coalesce(min(p.name), '')` },
  agent: { key: sql`coalesce(s.agent_id::text, '')`, label: sql`coalesce(min(a.display_name), '')` },
  month: { key: sql`to_char(s.answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`, label: sql`to_char(min(s.answered_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')` },
  context: { key: sql`s.context`, label: sql`min(s.context)` },
};

interface CountRow {
  key: string;
  label: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  csat_responses: number;
  csat_sum: number;
  csat_satisfied: number;
}
const counts = (r: CountRow): SatisfactionCounts => ({ responses: r.responses, promoters: r.promoters, passives: r.passives, detractors: r.detractors, csatResponses: r.csat_responses, csatSum: r.csat_sum, csatSatisfied: r.csat_satisfied });

async function scopePath(deps: ModuleDeps, actor: Actor, unitId: string | undefined) {
  if (!unitId) return actor.orgPath;
  const unit = await findOrgUnitById(deps.db, unitId);
  if (!unit || !unit.path.startsWith(actor.orgPath)) throw fieldError('querystring.unitId', rule('not_found', 'no such unit in your scope'), 'NOT_FOUND');
  return unit.path;
}

function period(from: string, to: string) {
  if (to < from) throw fieldError('querystring.to', rule('range_reversed', 'is before from'));
  return { start: shanghaiInstant(from), end: shanghaiInstant(addDays(to, 1)) };
}

/**
 * NPS and CSAT of the surveys answered in a period (Shanghai dates, inclusive), in the caller's
 * scope, overall and by unit, product, agent, month or context — from the answers' own columns,
 * in one pass of SQL.
 */
export async function satisfactionReport(deps: ModuleDeps, actor: Actor, query: TSatisfactionQuery): Promise<TSatisfactionReport> {
  if (!mayReadService(actor)) throw forbidden('You may not view satisfaction figures');
  const path = await scopePath(deps, actor, query.unitId);
  const { start, end } = period(query.from, query.to);
  const group = GROUPS[query.groupBy];
  const aggregates = sql`count(*)::int AS responses,
      count(*) FILTER (WHERE s.nps >= 9)::int AS promoters,
      count(*) FILTER (WHERE s.nps BETWEEN 7 AND 8)::int AS passives,
      count(*) FILTER (WHERE s.nps <= 6)::int AS detractors,
      count(s.csat)::int AS csat_responses,
      coalesce(sum(s.csat), 0)::int AS csat_sum,
      count(*) FILTER (WHERE s.csat >= 4)::int AS csat_satisfied`;
  const from = sql`FROM survey s
      JOIN org_unit o ON o.id = s.org_unit_id
      LEFT JOIN product p ON p.id = s.product_id
      LEFT JOIN staff a ON a.id = s.agent_id
      WHERE s.status = 'answered' AND s.answered_at >= ${start} AND s.answered_at < ${end} AND s.org_path LIKE ${`${path}%`}`;
  const grouped = await sql<CountRow>`SELECT ${group.key} AS key, ${group.label} AS label, ${aggregates} ${from} GROUP BY 1 ORDER BY 1`.execute(deps.db);
  const total = await sql<CountRow>`SELECT '' AS key, '' AS label, ${aggregates} ${from}`.execute(deps.db);
  const sent = await sql<{ sent: number; answered: number }>`SELECT count(*)::int AS sent, count(*) FILTER (WHERE status = 'answered')::int AS answered
      FROM survey WHERE sent_at >= ${start} AND sent_at < ${end} AND org_path LIKE ${`${path}%`}`.execute(deps.db);
  const { sent: surveysSent, answered } = sent.rows[0]!;
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    total: satisfactionFigures('total', 'total', counts(total.rows[0]!)),
    groups: grouped.rows.map((r) => satisfactionFigures(r.key, r.label, counts(r))),
    surveysSent,
    responseRatePct: surveysSent === 0 ? null : Math.round((answered * 1000) / surveysSent) / 10,
  };
}

/**
 * The service KPIs of the dashboard (M1) in the caller's scope: NPS and CSAT of the period,
 * renewal rate (policies that expired in the period and were renewed), referral rate (new
 * customers of the period who came by referral), open and overdue tasks, visits due.
 */
export async function serviceKpis(deps: ModuleDeps, actor: Actor, query: { from: string; to: string }, now = new Date()): Promise<TServiceKpis> {
  const report = await satisfactionReport(deps, actor, { from: query.from, to: query.to, groupBy: 'context' });
  const path = actor.orgPath;
  const { start, end } = period(query.from, query.to);
  const renewal = await sql<{ expired: number; renewed: number }>`SELECT count(*)::int AS expired,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM policy r WHERE r.renewal_of_id = p.id))::int AS renewed
      FROM policy p JOIN org_unit o ON o.id = p.org_unit_id
      WHERE p.expires_on >= ${query.from}::date AND p.expires_on <= ${query.to}::date AND p.status NOT IN ('cancelled', 'surrendered') AND o.path LIKE ${`${path}%`}`.execute(deps.db);
  const referral = await sql<{ new_customers: number; referred: number }>`SELECT count(*)::int AS new_customers,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral f WHERE f.referred_customer_id = c.id))::int AS referred
      FROM customer c JOIN org_unit o ON o.id = c.org_unit_id
      WHERE c.created_at >= ${start} AND c.created_at < ${end} AND o.path LIKE ${`${path}%`}`.execute(deps.db);
  const tasks = await countTasks(deps.db, path, now);
  const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);
  return {
    from: query.from,
    to: query.to,
    nps: report.total.nps,
    npsResponses: report.total.npsResponses,
    csatAverage: report.total.csatAverage,
    renewalRatePct: pct(renewal.rows[0]!.renewed, renewal.rows[0]!.expired),
    referralRatePct: pct(referral.rows[0]!.referred, referral.rows[0]!.new_customers),
    openTasks: tasks.open,
    overdueTasks: tasks.overdue,
    visitsDue: await countDueVisits(deps.db, path, now),
  };
}
