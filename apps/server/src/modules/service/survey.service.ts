import type { TCreateSurveyTemplateRequest, TPublicSurvey, TSurveyAnswerRequest, TSurveyQuestion, TSurveySummary, TSurveyTemplate, TUpdateSurveyTemplateRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, type RuledFieldError, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutbox } from '../../platform/outbox.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { findMessageRecipient, getVisibleCustomer } from '../customers/index.ts';
import { queueMessage } from '../messages/index.ts';
import { mayManageService, mayReadService } from './service.policy.ts';
import { isSurveyTokenShape, newSurveyToken, surveyTokenHash } from './survey-token.ts';

type TemplateRow = { id: string; code: string; name: string; context: TSurveyTemplate['context']; questions: unknown; active: boolean; version: number };
const presentTemplate = (r: TemplateRow): TSurveyTemplate => ({ id: r.id, code: r.code, name: r.name, context: r.context, questions: r.questions as TSurveyQuestion[], active: r.active, version: r.version });

/** Survey templates, built-in and defined by administrators. */
export async function listSurveyTemplates(deps: ModuleDeps, actor: Actor) {
  if (!mayReadService(actor)) throw forbidden('You may not view surveys');
  const rows = await deps.db.selectFrom('survey_template').selectAll().orderBy('created_at').orderBy('code').execute();
  return { items: rows.map(presentTemplate) };
}

/** A new survey template (the survey builder). */
export async function createSurveyTemplate(deps: ModuleDeps, actor: Actor, input: TCreateSurveyTemplateRequest) {
  if (!mayManageService(actor)) throw forbidden('You may not define surveys');
  const id = newId();
  await inTransaction(deps.db, async (tx) => {
    if (await tx.selectFrom('survey_template').select('id').where('code', '=', input.code).executeTakeFirst()) throw fieldError('body.code', rule('duplicate', `a survey template with code ${input.code} exists`, { value: input.code }), 'DUPLICATE');
    await tx.insertInto('survey_template').values({ id, code: input.code, name: input.name, context: input.context, questions: JSON.stringify(input.questions) }).execute();
    await recordAuditEvent(tx, actor, { action: 'survey_template.changed', entityType: 'survey_template', entityId: id, data: { change: 'created', code: input.code } });
  });
  return presentTemplate((await deps.db.selectFrom('survey_template').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as TemplateRow);
}

/** Renames, re-words or switches a template on/off. Surveys already sent keep the questions they were sent with. */
export async function updateSurveyTemplate(deps: ModuleDeps, actor: Actor, id: string, input: TUpdateSurveyTemplateRequest) {
  if (!mayManageService(actor)) throw forbidden('You may not define surveys');
  return inTransaction(deps.db, async (tx) => {
    const row = await tx.selectFrom('survey_template').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Survey template');
    if (row.version !== input.version) throw versionConflict('Survey template');
    await tx
      .updateTable('survey_template')
      .set({ ...(input.name ? { name: input.name } : {}), ...(input.questions ? { questions: JSON.stringify(input.questions) } : {}), ...(input.active !== undefined ? { active: input.active } : {}), version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAuditEvent(tx, actor, { action: 'survey_template.changed', entityType: 'survey_template', entityId: id, data: { change: 'updated', fields: Object.keys(input).filter((k) => k !== 'version') } });
    return presentTemplate((await tx.selectFrom('survey_template').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as TemplateRow);
  });
}

export interface SendSurvey {
  customerId: string;
  templateCode: string;
  claimId?: string | null;
  complaintId?: string | null;
  visitId?: string | null;
  /** Whose service the answers judge: the responsible unit, product and agent. */
  orgUnitId: string;
  productId?: string | null;
  agentId?: string | null;
  validDays: number;
  /** What sent it (`rule:claim_closure_visit`, `visit`). */
  source: string;
}

/**
 * Sends a survey in the caller's transaction: a row with the hash of a fresh link token and an
 * invitation message (SMS, or e-mail when the customer has no mobile) carrying the link. Returns
 * the survey id, or null when the template is switched off.
 */
export async function sendSurveyInTransaction(deps: ModuleDeps & { db: Tx }, send: SendSurvey, publicUrl: string, now = new Date()): Promise<string | null> {
  const template = await deps.db.selectFrom('survey_template').select(['id', 'context', 'active', 'questions']).where('code', '=', send.templateCode).executeTakeFirst();
  if (!template?.active) return null;
  const unit = await deps.db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', send.orgUnitId).executeTakeFirstOrThrow();
  const id = newId();
  const token = newSurveyToken();
  const expiresAt = new Date(now.getTime() + send.validDays * 86_400_000);
  await deps.db
    .insertInto('survey')
    .values({
      customer_id: send.customerId, id, template_id: template.id, context: template.context, questions: JSON.stringify(template.questions), claim_id: send.claimId ?? null, complaint_id: send.complaintId ?? null, visit_id: send.visitId ?? null,
      org_unit_id: unit.id, org_path: unit.path, product_id: send.productId ?? null, agent_id: send.agentId ?? null, token_hash: surveyTokenHash(token), status: 'sent', sent_at: now, expires_at: expiresAt,
    })
    .execute();
  const channel = (await findMessageRecipient(deps, send.customerId, 'mobile')) ? 'sms' : (await findMessageRecipient(deps, send.customerId, 'email')) ? 'email' : 'sms';
  const messageId = await queueMessage(deps, { customerId: send.customerId, channel, template: 'survey_invitation', params: { link: `${publicUrl}/survey/${token}`, expiresOn: shanghaiDateOf(expiresAt), surveyId: id }, source: send.source }, now);
  await recordAuditEvent(deps.db, null, { action: 'survey.sent', entityType: 'survey', entityId: id, customerId: send.customerId, data: { template: send.templateCode, source: send.source, messageId } });
  return id;
}

async function findByToken(db: Executor, token: string) {
  if (!isSurveyTokenShape(token)) return undefined;
  return db
    .selectFrom('survey as s')
    .select(['s.customer_id', 's.id', 's.context', 's.status', 's.expires_at', 's.claim_id', 's.complaint_id', 's.visit_id', 's.questions'])
    .where('s.token_hash', '=', surveyTokenHash(token))
    .executeTakeFirst();
}

/** The public survey page: questions only (no personal data), and whether the link is still open. */
export async function getPublicSurvey(deps: ModuleDeps, token: string, now = new Date()): Promise<TPublicSurvey> {
  const survey = await findByToken(deps.db, token);
  if (!survey) throw new DomainError('SURVEY_NOT_FOUND', 'This survey link is not valid');
  const status = survey.status === 'answered' ? 'answered' : survey.expires_at <= now ? 'expired' : 'open';
  return { status, context: survey.context as TPublicSurvey['context'], questions: survey.questions as TSurveyQuestion[], expiresAt: survey.expires_at.toISOString() };
}

/** Checks answers against the questions: required ones present, scores in range, choices among the options. */
export function answerProblems(questions: readonly TSurveyQuestion[], answers: TSurveyAnswerRequest['answers']) {
  const problems: RuledFieldError[] = [];
  for (const key of Object.keys(answers)) if (!questions.some((q) => q.key === key)) problems.push({ field: `body.answers.${key}`, message: 'is not a question of this survey', rule: 'not_a_question' });
  for (const q of questions) {
    const v = answers[q.key];
    const field = `body.answers.${q.key}`;
    if (v === undefined || v === '') {
      if (q.required) problems.push({ field, message: 'is required', rule: 'required' });
      continue;
    }
    const isInt = typeof v === 'number' && Number.isInteger(v);
    if (q.kind === 'csat' && !(isInt && v >= 1 && v <= 5)) problems.push({ field, message: 'must be a score from 1 to 5', rule: 'score_between', params: { minimum: 1, maximum: 5 } });
    if (q.kind === 'nps' && !(isInt && v >= 0 && v <= 10)) problems.push({ field, message: 'must be a score from 0 to 10', rule: 'score_between', params: { minimum: 0, maximum: 10 } });
    if (q.kind === 'text' && typeof v !== 'string') problems.push({ field, message: 'must be text', rule: 'wrong_type', params: { expected: 'string' } });
    if (q.kind === 'choice' && !q.options?.some((o) => o.value === v)) problems.push({ field, message: 'is not one of the options', rule: 'not_one_of', params: { values: (q.options ?? []).map((o) => o.value).join(', ') } });
  }
  return problems;
}

/**
 * A customer answers through the link: once per link, before it expires. The CSAT and NPS answers
 * are kept in their own columns for the figures; the `survey.answered` event lets the low-score
 * rule open a service-recovery task (and a service-improvement item for claims).
 */
export async function answerSurvey(deps: ModuleDeps, token: string, input: TSurveyAnswerRequest, now = new Date()) {
  const survey = await findByToken(deps.db, token);
  if (!survey) throw new DomainError('SURVEY_NOT_FOUND', 'This survey link is not valid');
  return recordSurveyAnswer(deps, survey, input, now);
}

/**
 * Records the answers to a survey known by its id rather than its link (answers taken down by
 * phone, or the demo's customers): the same checks, scores, outbox event and audit as the link.
 */
export async function answerSurveyById(deps: ModuleDeps, customerId: string, surveyId: string, input: TSurveyAnswerRequest, now = new Date()) {
  const survey = await deps.db
    .selectFrom('survey as s')
    .select(['s.customer_id', 's.id', 's.context', 's.status', 's.expires_at', 's.claim_id', 's.complaint_id', 's.visit_id', 's.questions'])
    .where('s.customer_id', '=', customerId)
    .where('s.id', '=', surveyId)
    .executeTakeFirst();
  if (!survey) throw new DomainError('SURVEY_NOT_FOUND', 'No such survey');
  return recordSurveyAnswer(deps, survey, input, now);
}

async function recordSurveyAnswer(deps: ModuleDeps, survey: NonNullable<Awaited<ReturnType<typeof findByToken>>>, input: TSurveyAnswerRequest, now: Date) {
  if (survey.status === 'answered') throw new DomainError('SURVEY_ALREADY_ANSWERED', 'This survey has already been answered');
  if (survey.expires_at <= now) throw new DomainError('SURVEY_EXPIRED', 'This survey link has expired');
  const questions = survey.questions as TSurveyQuestion[];
  const problems = answerProblems(questions, input.answers);
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'Some answers are missing or invalid', problems);
  const scoreOf = (kind: 'csat' | 'nps') => {
    const q = questions.find((x) => x.kind === kind);
    const v = q ? input.answers[q.key] : undefined;
    return typeof v === 'number' ? v : null;
  };
  const csat = scoreOf('csat');
  const nps = scoreOf('nps');
  await inTransaction(deps.db, async (tx) => {
    // The status condition makes a second, concurrent answer through the same link lose.
    const updated = await tx
      .updateTable('survey')
      .set({ status: 'answered', answered_at: now, answers: JSON.stringify(input.answers), csat, nps })
      .where('customer_id', '=', survey.customer_id)
      .where('id', '=', survey.id)
      .where('status', '=', 'sent')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('SURVEY_ALREADY_ANSWERED', 'This survey has already been answered');
    await insertOutbox(tx, 'survey.answered', survey.customer_id, survey.id, { surveyId: survey.id, context: survey.context, csat, nps });
    await recordAuditEvent(tx, null, { action: 'survey.answered', entityType: 'survey', entityId: survey.id, customerId: survey.customer_id, data: { csat, nps } });
  });
  return { status: 'answered' as const };
}

/** Surveys sent to a customer, newest first, with their scores (the 360's surveys section). */
export async function listCustomerSurveys(deps: ModuleDeps, actor: Actor, customerId: string, now = new Date()): Promise<{ items: TSurveySummary[] }> {
  if (!mayReadService(actor)) throw forbidden('You may not view surveys');
  await getVisibleCustomer(deps, actor, customerId);
  const rows = await deps.db
    .selectFrom('survey as s')
    .innerJoin('survey_template as t', 't.id', 's.template_id')
    .select(['s.id', 's.customer_id', 's.context', 't.code', 's.status', 's.sent_at', 's.expires_at', 's.answered_at', 's.csat', 's.nps', 's.claim_id', 's.complaint_id', 's.visit_id'])
    .where('s.customer_id', '=', customerId)
    .orderBy('s.sent_at', 'desc')
    .limit(100)
    .execute();
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'customer.viewed', entityType: 'customer', entityId: customerId, customerId, data: { section: 'surveys' } });
  return {
    items: rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      context: r.context as TSurveySummary['context'],
      templateCode: r.code,
      status: r.status === 'sent' && r.expires_at <= now ? 'expired' : r.status,
      sentAt: r.sent_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      answeredAt: r.answered_at?.toISOString() ?? null,
      csat: r.csat,
      nps: r.nps,
      claimId: r.claim_id,
      complaintId: r.complaint_id,
      visitId: r.visit_id,
    })),
  };
}
