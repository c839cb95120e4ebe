import { AUTOMATION_RULES, SURVEY_CONTEXTS, VISIT_TYPES } from '@anxin/contracts';
import type {
  VISIT_OUTCOMES,
  TAutomationRuleCode,
  TAutomationRun,
  TLoyaltySummary,
  TMessageChannel,
  TMessageStatus,
  TSurveyQuestion,
  TSurveySummary,
  TTask,
  TTaskKind,
  TTaskPriority,
  TTaskStatus,
  TVisitMethod,
  TVisitMethodWhy,
  TVisitStatus,
  TVisitType,
} from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';

type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
type SurveyContext = TSurveySummary['context'];
const isSurveyContext = (value: string | undefined): value is SurveyContext => (SURVEY_CONTEXTS as readonly string[]).includes(value ?? '');
const isVisitType = (value: string | undefined): value is TVisitType => (VISIT_TYPES as readonly string[]).includes(value ?? '');

/** Parameters of the automation rules the console knows a label for (others show their key). */
const RULE_PARAMS = ['daysBefore', 'daysAfterExpiry', 'visitWithinDays', 'surveyValidDays', 'points', 'csatAtMost', 'npsAtMost', 'onSiteTenureYears', 'onSiteAnnualPremiumFen', 'months', 'recentDays', 'baselineDays', 'dropPct', 'minBaseline', 'systolicAtLeast', 'diastolicAtLeast'] as const;
type RuleParam = (typeof RULE_PARAMS)[number];
const isRuleParam = (key: string): key is RuleParam => (RULE_PARAMS as readonly string[]).includes(key);

/** What an automation run can create (`actions[].kind`); kinds added later on the server show as they are. */
const RUN_ACTIONS = ['task', 'visit', 'message', 'survey', 'points', 'service_improvement'] as const;
type RunAction = (typeof RUN_ACTIONS)[number];
const isRunAction = (kind: string): kind is RunAction => (RUN_ACTIONS as readonly string[]).includes(kind);

/** Translated names of the service-operations enumerations (tasks, visits, surveys, rules, messages). */
export function useServiceLabels() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  /** A low survey score's params (survey context, CSAT, NPS) as its texts show them: the context by name, the scores as `CSAT 2/5, NPS 3/10`. */
  const lowScoreWords = (params: Record<string, string | number>) => ({
    context: isSurveyContext(String(params.context)) ? t(`serviceEnums.surveyContext.${params.context as SurveyContext}`) : String(params.context ?? ''),
    scores: [params.csat !== undefined ? `CSAT ${params.csat}/5` : null, params.nps !== undefined ? `NPS ${params.nps}/10` : null].filter(Boolean).join(', '),
  });
  return {
    taskKind: (kind: TTaskKind) => t(`serviceEnums.taskKind.${kind}`),
    taskPriority: (priority: TTaskPriority) => t(`serviceEnums.taskPriority.${priority}`),
    taskStatus: (status: TTaskStatus) => t(`serviceEnums.taskStatus.${status}`),
    taskSource: (source: TTask['source']['type']) => t(`serviceEnums.taskSource.${source}`),
    /** Where a visit came from: scheduled by hand, or by an automation rule (named). */
    visitSource: (source: string) => {
      if (source === 'manual') return t('serviceEnums.taskSource.manual');
      const code = source.startsWith('rule:') ? source.slice('rule:'.length) : '';
      return (AUTOMATION_RULES as readonly string[]).includes(code) ? `${t('serviceEnums.taskSource.rule')} · ${t(`automation.rules.${code as TAutomationRuleCode}.name`)}` : source;
    },
    /**
     * A task's title, detail and reason in the reader's language: a system task's from its text key,
     * a task made by hand (or before texts had keys) as stored. A visit problem's detail is the
     * customer's own words, kept as entered.
     */
    taskTexts: (task: Pick<TTask, 'title' | 'detail' | 'reason' | 'text'>): { title: string; detail: string | null; reason: string | null } => {
      if (!task.text) return { title: task.title, detail: task.detail, reason: task.reason };
      const { key, params } = task.text;
      const shown: Record<string, string> = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
      if (key === 'service_recovery') {
        Object.assign(shown, lowScoreWords(params));
      }
      const fromVisit = key === 'visit_problem' || key === 'visit_problem_case';
      if (fromVisit && isVisitType(shown.visitType)) shown.visitType = t(`serviceEnums.visitType.${shown.visitType}`);
      const text = (part: 'title' | 'detail' | 'reason'): string => t(`tasks.texts.${key}.${part}`, { ...shown, defaultValue: task[part] ?? '' });
      return { title: text('title'), detail: fromVisit ? task.detail : text('detail'), reason: text('reason') };
    },
    visitType: (type: TVisitType) => t(`serviceEnums.visitType.${type}`),
    visitMethod: (method: TVisitMethod) => t(`serviceEnums.visitMethod.${method}`),
    /** Why a visit has its method, from the key and figures the server kept; the English `methodReason` for older visits. */
    visitMethodWhy: (visit: { methodReason: string; methodWhy: TVisitMethodWhy | null }) => {
      const why = visit.methodWhy;
      if (!why) return visit.methodReason;
      const p = why.params;
      const words = {
        ...p,
        annualPremium: p.annualPremiumFen !== undefined ? format.fen(Number(p.annualPremiumFen)) : '',
        minAnnualPremium: p.minAnnualPremiumFen !== undefined ? format.fen(Number(p.minAnnualPremiumFen)) : '',
        visitType: isVisitType(String(p.visitType)) ? t(`serviceEnums.visitType.${p.visitType as TVisitType}`) : String(p.visitType ?? ''),
      };
      const rule = t(`visits.methodWhy.${why.key}`, { ...words, defaultValue: visit.methodReason });
      return why.chosenBy ? t('visits.methodWhy.chosenBy', { by: why.chosenBy, rule }) : rule;
    },
    visitStatus: (status: TVisitStatus) => t(`serviceEnums.visitStatus.${status}`),
    visitOutcome: (outcome: VisitOutcome) => t(`serviceEnums.visitOutcome.${outcome}`),
    surveyContext: (context: SurveyContext) => t(`serviceEnums.surveyContext.${context}`),
    surveyStatus: (status: TSurveySummary['status']) => t(`serviceEnums.surveyStatus.${status}`),
    questionKind: (kind: TSurveyQuestion['kind']) => t(`serviceEnums.questionKind.${kind}`),
    messageChannel: (channel: TMessageChannel) => t(`serviceEnums.messageChannel.${channel}`),
    messageStatus: (status: TMessageStatus) => t(`serviceEnums.messageStatus.${status}`),
    /** Why a message was held, deferred or failed; a reason this console does not know shows as sent. */
    messageStatusReason: (reason: string) => t(`serviceEnums.messageStatusReason.${reason as 'no_contact'}`, { defaultValue: reason }),
    /** The delivery adapter by name (`development` delivers nowhere). */
    messageAdapter: (adapter: string) => t(`serviceEnums.messageAdapter.${adapter as 'smtp'}`, { defaultValue: adapter }),
    messagePurpose: (purpose: 'service' | 'marketing') => t(`serviceEnums.messagePurpose.${purpose}`),
    /** A message template's name; a template this console does not know yet shows its code. */
    messageTemplate: (template: string) => t(`serviceEnums.messageTemplate.${template}`, { defaultValue: template }),
    loyaltyReason: (reason: TLoyaltySummary['entries'][number]['reason']) => t(`serviceEnums.loyaltyReason.${reason}`),
    ruleName: (code: TAutomationRuleCode) => t(`automation.rules.${code}.name`),
    ruleDescription: (code: TAutomationRuleCode) => t(`automation.rules.${code}.description`),
    /** Why a rule fired, in the reader's language from its params (the English text on older runs). */
    runReason: (run: Pick<TAutomationRun, 'ruleCode' | 'reason' | 'reasonParams'>): string => {
      if (!run.reasonParams) return run.reason;
      const p = run.reasonParams;
      const shown: Record<string, string> = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
      if (run.ruleCode === 'low_score_recovery') {
        Object.assign(shown, lowScoreWords(p));
      }
      if (run.ruleCode === 'holiday_care_visit' && i18n.language !== 'en-US' && p.holidayZh !== undefined) shown.holiday = String(p.holidayZh);
      return t(`automation.reasons.${run.ruleCode}`, { ...shown, defaultValue: run.reason });
    },
    /** A rule parameter's label; parameters added later on the server show their key. */
    ruleParam: (key: string) => (isRuleParam(key) ? t(`automation.paramLabels.${key}`) : key),
    runAction: (kind: string) => (isRunAction(kind) ? t(`automation.actionKinds.${kind}`) : kind),
    /** The question text of a visit script (`visitScripts.<type>.<key>`); unknown questions show their key. */
    scriptQuestion: (type: TVisitType, key: string) => {
      const scripts = t('visitScripts', { returnObjects: true }) as unknown as Record<string, Record<string, string> | undefined>;
      return scripts[type]?.[key] ?? key;
    },
  };
}

export const TASK_PRIORITY_COLORS: Record<TTaskPriority, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };
export const TASK_STATUS_COLORS: Record<TTaskStatus, string> = { open: 'blue', in_progress: 'gold', done: 'green', cancelled: 'default' };
export const VISIT_STATUS_COLORS: Record<TVisitStatus, string> = { scheduled: 'blue', completed: 'green', refused: 'default' };
export const MESSAGE_STATUS_COLORS: Record<TMessageStatus, string> = { queued: 'blue', deferred: 'gold', sent: 'green', failed: 'red', suppressed: 'default' };
