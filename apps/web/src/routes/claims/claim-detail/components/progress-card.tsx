import { Alert, Card, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useClaimProgress } from '../../../../api/claims.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useClaimLabels } from '../../components/claim-labels.ts';

/** A preview of what the customer sees: each step so far in plain language, and what happens next by when. */
export function ProgressCard({ claimId }: { claimId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const claimLabels = useClaimLabels();
  const progress = useClaimProgress(claimId);
  const p = progress.data;

  return (
    <Card size="small" title={t('claims.progress.title')} loading={progress.isPending} data-testid="claim-progress">
      {progress.isError && <ProblemAlert error={progress.error} />}
      {p && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('claims.progress.intro')}
          </Typography.Paragraph>
          <Steps
            orientation="vertical"
            size="small"
            current={p.steps.length - 1}
            status={p.status === 'denied' || p.status === 'withdrawn' ? 'error' : p.next ? 'process' : 'finish'}
            items={p.steps.map((s, i) => ({
              key: `${s.key}:${i}`,
              title: <span data-testid={`claim-progress-step-${s.key}`}>{claimLabels.progressStep(s.key, s.params)}</span>,
              content: format.dateTimeLong(s.at),
            }))}
          />
          {p.next && (
            <Alert
              type="info"
              showIcon
              data-testid="claim-progress-next"
              data-key={p.next.key}
              title={t('claims.progress.nextTitle', { step: claimLabels.progressNext(p.next.key) })}
              description={p.next.dueAt ? t('claims.progress.nextBy', { at: format.dateTimeLong(p.next.dueAt) }) : undefined}
            />
          )}
        </>
      )}
    </Card>
  );
}
