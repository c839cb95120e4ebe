import type { TClaimProgress } from '@anxin/contracts';
import { Alert, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.ts';
import { useClaimLabels } from '../../claims/components/claim-labels.ts';

/** The customer's timeline: each step so far in plain language, and what happens next, by when. */
export function PortalProgress({ progress }: { progress: TClaimProgress }) {
  const { t } = useTranslation();
  const format = useFormat();
  const claimLabels = useClaimLabels();
  return (
    <div data-testid="portal-progress">
      {progress.next && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="portal-progress-next"
          data-key={progress.next.key}
          title={t('claims.progress.nextTitle', { step: claimLabels.progressNext(progress.next.key) })}
          description={progress.next.dueAt ? t('portal.claim.nextBy', { at: format.dateTimeLong(progress.next.dueAt) }) : undefined}
        />
      )}
      <Steps
        orientation="vertical"
        size="small"
        current={progress.steps.length - 1}
        status={progress.status === 'denied' || progress.status === 'withdrawn' ? 'error' : progress.next ? 'process' : 'finish'}
        items={[...progress.steps].map((s, i) => ({
          key: `${s.key}:${i}`,
          title: <span data-testid={`portal-step-${s.key}`}>{claimLabels.progressStep(s.key, s.params)}</span>,
          content: format.dateTimeLong(s.at),
        }))}
      />
    </div>
  );
}
