import type { TFollowUpVisit } from '@anxin/contracts';
import { Alert, Card, Descriptions, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServiceLabels } from '../../../../components/service-labels.ts';

/** A closed visit's script answers and note, read-only. */
export function VisitAnswersCard({ visit }: { visit: TFollowUpVisit }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const answers = visit.answers ?? {};
  const show = (value: string | number | boolean | undefined) => {
    if (value === undefined || value === '') return <Typography.Text type="secondary">{t('visits.detail.notAnswered')}</Typography.Text>;
    if (typeof value === 'boolean') return value ? t('visits.detail.yes') : t('visits.detail.no');
    if (typeof value === 'number') return `${value} / 5`;
    return <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span>;
  };
  const items: DescriptionsProps['items'] = [
    ...visit.script.map((q) => ({ key: q.key, label: labels.scriptQuestion(visit.visitType, q.key), children: <span data-testid={`visit-answer-value-${q.key}`}>{show(answers[q.key])}</span> })),
    ...(visit.outcomeNote ? [{ key: 'note', label: t('visits.detail.note'), children: visit.outcomeNote }] : []),
    ...(visit.problemTaskId ? [{ key: 'problem', label: t('visits.detail.problem'), children: <span data-testid="visit-problem-task">{t('visits.detail.problemTask')}</span> }] : []),
  ];
  return (
    <Card title={t('visits.detail.answers')} data-testid="visit-answers">
      <Alert type="info" showIcon title={t('visits.detail.closed')} style={{ marginBottom: 12 }} />
      {visit.problemAnswers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="visit-problem-case"
          title={t('visits.detail.problemCase')}
          description={visit.problemAnswers.map((key) => labels.scriptQuestion(visit.visitType, key)).join(t('imports.listSeparator'))}
        />
      )}
      <Descriptions column={1} size="small" bordered items={items} />
    </Card>
  );
}
