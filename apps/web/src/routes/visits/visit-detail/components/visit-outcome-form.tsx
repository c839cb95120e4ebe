import { VISIT_OUTCOMES, type TFollowUpVisit, type TVisitOutcomeRequest } from '@anxin/contracts';
import { App, Button, Card, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordVisitOutcome } from '../../../../api/visits.ts';
import { CsatRate } from '../../../../components/csat-rate.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';

type Outcome = (typeof VISIT_OUTCOMES)[number];
type Answer = string | number | boolean;

interface OutcomeValues {
  answers?: Record<string, Answer | null | undefined>;
  note?: string;
  problem?: string;
  sendSurvey?: boolean;
}

/** Keeps the answers given (trimmed text, no blanks). */
function answersOf(values: OutcomeValues['answers']): Record<string, Answer> | undefined {
  const entries = Object.entries(values ?? {}).flatMap(([key, value]): [string, Answer][] => {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return value.trim() ? [[key, value.trim()]] : [];
    return [[key, value]];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * Records one attempt: the outcome, the script's answers (required ones only when the customer was
 * reached), a note, a problem found (which opens a task) and whether to send the survey.
 */
export function VisitOutcomeForm({ visit }: { visit: TFollowUpVisit }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<OutcomeValues>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const record = useRecordVisitOutcome(visit.id);
  const problem = useFormProblem(form, { fields: ['note', 'problem', 'sendSurvey', ...visit.script.map((q) => `answers.${q.key}`)] });
  const outcomes = VISIT_OUTCOMES.filter((o) => o !== 'letter_sent' || visit.method === 'letter');
  const reached = outcome === 'reached';

  const submit = (values: OutcomeValues) => {
    if (!outcome) return;
    const body: TVisitOutcomeRequest = {
      outcome,
      answers: reached ? answersOf(values.answers) : undefined,
      note: values.note?.trim() || undefined,
      problem: values.problem?.trim() || undefined,
      sendSurvey: reached && values.sendSurvey !== false,
      version: visit.version,
    };
    record.mutate(body, {
      onSuccess: () => {
        void message.success(t('visits.detail.recorded'));
        // A fresh form for the next attempt (the visit stays open after "not reached").
        form.resetFields();
        setOutcome(null);
      },
      onError: problem.report,
    });
  };

  return (
    <Card title={t('visits.detail.outcomeTitle')} data-testid="visit-outcome-form">
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="visit-outcome-error" />}
      <Form<OutcomeValues> form={form} layout="vertical" initialValues={{ sendSurvey: visit.surveyReachable !== false }} onFinish={submit}>
        <Form.Item label={t('visits.detail.outcome')} required>
          <Flex gap={8} wrap role="radiogroup" aria-label={t('visits.detail.outcome')}>
            {outcomes.map((o) => (
              <Button
                key={o}
                type={outcome === o ? 'primary' : 'default'}
                danger={o === 'refused' && outcome === o}
                role="radio"
                aria-checked={outcome === o}
                onClick={() => setOutcome(o)}
                data-testid={`visit-outcome-${o}`}
              >
                {labels.visitOutcome(o)}
              </Button>
            ))}
          </Flex>
        </Form.Item>

        {visit.script.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('visits.detail.script')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('visits.detail.scriptHint')}</Typography.Paragraph>
          </>
        )}
        {visit.script.map((q) => {
          const label = labels.scriptQuestion(visit.visitType, q.key);
          const mustAnswer = q.required && reached;
          if (q.kind === 'yes_no')
            return (
              <Form.Item key={q.key} name={['answers', q.key]} label={label} required={q.required} rules={mustAnswer ? [rules.requiredSelect(label)] : []}>
                <Radio.Group data-testid={`visit-answer-${q.key}`}>
                  <Radio value={true} data-testid={`visit-answer-${q.key}-yes`}>
                    {t('visits.detail.yes')}
                  </Radio>
                  <Radio value={false} data-testid={`visit-answer-${q.key}-no`}>
                    {t('visits.detail.no')}
                  </Radio>
                </Radio.Group>
              </Form.Item>
            );
          if (q.kind === 'csat')
            return (
              <Form.Item key={q.key} name={['answers', q.key]} label={label} required={q.required} rules={mustAnswer ? [rules.requiredSelect(label)] : []}>
                <CsatRate testIdPrefix={`visit-answer-${q.key}-`} ariaLabel={label} size={24} />
              </Form.Item>
            );
          return (
            <Form.Item key={q.key} name={['answers', q.key]} label={label} required={q.required} rules={mustAnswer ? [rules.required(label)] : []}>
              <Input.TextArea rows={2} maxLength={2000} data-testid={`visit-answer-${q.key}`} />
            </Form.Item>
          );
        })}

        <Form.Item name="note" label={t('common.optionalField', { field: t('visits.detail.note') })}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="visit-note" />
        </Form.Item>
        <Form.Item name="problem" label={t('common.optionalField', { field: t('visits.detail.problem') })} extra={t('visits.detail.problemHelp')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="visit-problem" />
        </Form.Item>
        {reached && (
          <Form.Item name="sendSurvey" valuePropName="checked" extra={visit.surveyReachable === false ? t('visits.detail.sendSurveyUnreachable') : t('visits.detail.sendSurveyHelp')}>
            <Checkbox disabled={visit.surveyReachable === false} data-testid="visit-send-survey">
              {t('visits.detail.sendSurvey')}
            </Checkbox>
          </Form.Item>
        )}
        <Flex gap={8} align="center">
          <Button type="primary" htmlType="submit" disabled={!outcome} loading={record.isPending} data-testid="visit-submit">
            {t('visits.detail.submit')}
          </Button>
          {!outcome && <Typography.Text type="secondary">{t('visits.detail.chooseOutcome')}</Typography.Text>}
        </Flex>
      </Form>
    </Card>
  );
}
