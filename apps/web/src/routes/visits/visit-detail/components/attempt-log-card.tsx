import type { TFollowUpVisit } from '@anxin/contracts';
import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { useFormat } from '../../../../format.ts';

const OUTCOME_COLORS = { reached: 'green', not_reached: 'orange', refused: 'red', letter_sent: 'blue' } as const;

/** Every attempt at the visit: when, by whom, what happened. */
export function AttemptLogCard({ visit }: { visit: TFollowUpVisit }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  return (
    <Card title={t('visits.detail.attemptLog')} data-testid="visit-attempt-log">
      {visit.attemptLog.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.detail.noAttempts')} />
      ) : (
        <Timeline
          items={visit.attemptLog.map((a, i) => ({
            key: `${a.at}-${i}`,
            color: OUTCOME_COLORS[a.outcome],
            content: (
              <div data-testid={`visit-attempt-${i}`} data-outcome={a.outcome}>
                <Tag color={OUTCOME_COLORS[a.outcome]}>{labels.visitOutcome(a.outcome)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('visits.detail.attemptBy', { by: a.by, at: format.dateTime(a.at) })}
                </Typography.Text>
                {a.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{a.note}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
