import type { TSegmentationRun } from '@anxin/contracts';
import { Alert, Card, Descriptions, Flex, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';

const RUN_FIELDS = [
  ['customers', 'segmentation.overview.runCustomers'],
  ['tagsApplied', 'segmentation.overview.runTagsApplied'],
  ['tiersChanged', 'segmentation.overview.runTiersChanged'],
  ['alertsOpened', 'segmentation.overview.runAlertsOpened'],
  ['seconds', 'segmentation.overview.runSeconds'],
] as const;

const STATUS_COLORS: Record<TSegmentationRun['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

/** The latest run of the segmentation batch: who or what started it, where it stands, and its counts once done. */
export function RunCard({ run }: { run: TSegmentationRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const result = run.result;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          {t('segmentation.overview.runLatest')}
          <Tag color={STATUS_COLORS[run.status]} data-testid="segmentation-run-status" data-status={run.status}>
            {t(`segmentation.overview.runStatus.${run.status}`)}
          </Tag>
        </Flex>
      }
      data-testid="segmentation-run-card"
    >
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'trigger', label: t('segmentation.overview.runTrigger'), children: run.trigger === 'manual' ? t('segmentation.overview.runTriggerManual', { user: run.requestedBy }) : t('segmentation.overview.runTriggerNightly') },
            { key: 'requestedAt', label: t('segmentation.overview.runRequestedAt'), children: format.dateTime(run.requestedAt) },
            ...(run.finishedAt ? [{ key: 'finishedAt', label: t('segmentation.overview.runFinishedAt'), children: format.dateTime(run.finishedAt) }] : []),
          ]}
        />
        {run.status === 'running' && (
          <Flex gap={8} align="center">
            <Spin size="small" />
            <Typography.Text type="secondary">{t('segmentation.overview.runInProgress')}</Typography.Text>
          </Flex>
        )}
        {run.status === 'queued' && <Typography.Text type="secondary">{t('segmentation.overview.runQueued', { at: format.dateTime(run.runAt) })}</Typography.Text>}
        {run.error && run.status !== 'done' && (
          <Alert type={run.status === 'failed' ? 'error' : 'warning'} showIcon title={t('segmentation.overview.runFailed', { attempts: run.attempts, error: run.error })} data-testid="segmentation-run-error" />
        )}
        {result && (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3, lg: 5 }}
            data-testid="segmentation-run-result"
            items={RUN_FIELDS.map(([field, label]) => ({
              key: field,
              label: t(label),
              children: <span data-testid={`segmentation-run-${field}`}>{field === 'seconds' ? format.number(Math.round(result.seconds * 10) / 10) : format.number(result[field])}</span>,
            }))}
          />
        )}
      </Flex>
    </Card>
  );
}
