import {
  CLAIM_CLOCK_STATUTORY_DAYS,
  type TClaimSettings,
  type TSaveApprovalAuthorityRequest,
  type TSaveClaimClockRuleRequest,
  type TSaveFastTrackRequest,
} from '@anxin/contracts';
import { sql } from 'kysely';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { mayReadClaims } from './claim.policy.ts';

const mayManage = (actor: Actor) => hasPermission(actor, 'claim_setting:manage');
/** A role's limit: absent means the role approves nothing (0); null means no limit. */
const limitOf = (limits: Record<string, number | null>, role: string) => (Object.hasOwn(limits, role) ? limits[role]! : 0);

async function load(db: Executor): Promise<TClaimSettings> {
  const [rules, settings] = await Promise.all([
    db.selectFrom('claim_clock_rule').selectAll().orderBy(sql`line = '*'`, 'desc').orderBy('line').orderBy('clock').execute(),
    db.selectFrom('claim_setting').selectAll().execute(),
  ]);
  const setting = <T>(key: string) => {
    const row = settings.find((s) => s.key === key)!;
    return { ...(row.value as T), version: row.version };
  };
  const authority = setting<Record<string, number | null>>('approval_authority');
  return {
    clockRules: rules.map((r) => ({ line: r.line as TClaimSettings['clockRules'][number]['line'], clock: r.clock, days: r.days, warnDays: r.warn_days, source: r.source, version: r.version, updatedAt: r.updated_at.toISOString() })),
    fastTrack: setting<Omit<TClaimSettings['fastTrack'], 'version'>>('fast_track'),
    approvalAuthority: { limits: { claims_adjuster: limitOf(authority, 'claims_adjuster'), branch_manager: limitOf(authority, 'branch_manager'), admin: limitOf(authority, 'admin') }, version: authority.version },
  };
}

/** Clock rules and claim settings, for everyone who works with claims. */
export async function getClaimSettings(deps: ModuleDeps, actor: Actor) {
  if (!mayReadClaims(actor) && !mayManage(actor)) throw forbidden('You may not view claim settings');
  return load(deps.db);
}

async function audit(tx: Tx, actor: Actor, setting: string, before: unknown, after: unknown) {
  await recordAuditEvent(tx, actor, { action: 'claim.settings_changed', entityType: 'claim_setting', entityId: null, data: { setting, before, after } });
}

/**
 * Adds or changes a clock rule. The days may not exceed the statutory limit (a company can promise
 * faster, never slower), and the warning must come before the deadline. Clocks already running keep
 * the rule version they started with; new clocks use the new one.
 */
export async function saveClockRule(deps: ModuleDeps, actor: Actor, input: TSaveClaimClockRuleRequest) {
  if (!mayManage(actor)) throw forbidden('Only administrators may change claim settings');
  const statutory = CLAIM_CLOCK_STATUTORY_DAYS[input.clock];
  if (input.days > statutory) throw fieldError('body.days', rule('above_statutory', `may not exceed the statutory ${statutory} days`, { days: statutory }));
  if (input.warnDays >= input.days) throw fieldError('body.warnDays', rule('warn_not_before_due', 'must be fewer than the days of the clock'));
  return inTransaction(deps.db, async (tx) => {
    const current = await tx.selectFrom('claim_clock_rule').selectAll().where('line', '=', input.line).where('clock', '=', input.clock).forUpdate().executeTakeFirst();
    if (!current) {
      if (input.version !== undefined) throw notFound('Clock rule');
      if (input.line === '*') throw fieldError('body.line', rule('company_default_fixed', 'the company default exists for every clock; change it instead'));
      await tx.insertInto('claim_clock_rule').values({ line: input.line, clock: input.clock, days: input.days, warn_days: input.warnDays, source: input.source }).execute();
    } else {
      if (input.version === undefined) throw new DomainError('DUPLICATE', 'This product line already has a rule for this clock; change it instead', [{ field: 'body.line', message: 'already has a rule for this clock', rule: 'duplicate' }]);
      if (current.version !== input.version) throw versionConflict('Clock rule');
      await tx
        .updateTable('claim_clock_rule')
        .set({ days: input.days, warn_days: input.warnDays, source: input.source, version: current.version + 1, updated_at: new Date() })
        .where('line', '=', input.line)
        .where('clock', '=', input.clock)
        .execute();
    }
    await audit(tx, actor, `clock_rule:${input.line}:${input.clock}`, current ? { days: current.days, warnDays: current.warn_days } : null, { days: input.days, warnDays: input.warnDays });
    return load(tx);
  });
}

/** Removes a product line's override: its claims follow the company default again. */
export async function deleteClockRule(deps: ModuleDeps, actor: Actor, line: string, clock: TSaveClaimClockRuleRequest['clock']) {
  if (!mayManage(actor)) throw forbidden('Only administrators may change claim settings');
  if (line === '*') throw fieldError('params.line', rule('company_default_fixed', 'the company default cannot be removed'));
  return inTransaction(deps.db, async (tx) => {
    const removed = await tx.deleteFrom('claim_clock_rule').where('line', '=', line).where('clock', '=', clock).returning(['days', 'warn_days']).executeTakeFirst();
    if (!removed) throw notFound('Clock rule');
    await audit(tx, actor, `clock_rule:${line}:${clock}`, { days: removed.days, warnDays: removed.warn_days }, null);
    return load(tx);
  });
}

async function saveSetting(deps: ModuleDeps, actor: Actor, key: string, value: Record<string, unknown>, version: number) {
  if (!mayManage(actor)) throw forbidden('Only administrators may change claim settings');
  return inTransaction(deps.db, async (tx) => {
    const before = await tx.selectFrom('claim_setting').select(['value', 'version']).where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
    if (before.version !== version) throw versionConflict('Claim setting');
    await tx.updateTable('claim_setting').set({ value: JSON.stringify(value), version: version + 1, updated_at: new Date() }).where('key', '=', key).execute();
    await audit(tx, actor, key, before.value, value);
    return load(tx);
  });
}

export async function saveFastTrack(deps: ModuleDeps, actor: Actor, input: TSaveFastTrackRequest) {
  const { version, ...value } = input;
  return saveSetting(deps, actor, 'fast_track', { ...value, excludedDiagnosisPrefixes: [...new Set(value.excludedDiagnosisPrefixes)] }, version);
}

/** Approval limits; a branch manager's may not be below a claims adjuster's (approvals would go down, not up). */
export async function saveApprovalAuthority(deps: ModuleDeps, actor: Actor, input: TSaveApprovalAuthorityRequest) {
  const { claims_adjuster: adjuster, branch_manager: manager } = input.limits;
  if (manager !== null && (adjuster === null || adjuster > manager)) throw fieldError('body.limits.branch_manager', rule('below_adjuster_limit', "must not be below the claims adjuster's limit"));
  return saveSetting(deps, actor, 'approval_authority', input.limits, input.version);
}

