import type { TClaimClock } from '@anxin/contracts';
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { ClockCountdown } from '../../components/clock-countdown.tsx';
import { HolidayTag } from '../../components/holiday-tag.tsx';

const STATE_COLORS: Record<TClaimClock['state'], string> = { running: 'processing', paused: 'default', met: 'success', breached: 'error' };

/** The statutory clocks: each with its countdown or outcome, and the rule (days, legal source, version) that set it. */
export function ClocksCard({ clocks }: { clocks: TClaimClock[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  return (
    <Card title={t('claims.clocks')} size="small" data-testid="claim-clocks">
      {clocks.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.clock.noClocks')} />}
      <Flex vertical gap={12}>
        {clocks.map((c) => (
          <div key={c.kind} data-testid={`claim-clock-${c.kind}`} data-state={c.state} data-warning={String(c.warning)}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>{labels.claimClock(c.kind)}</Typography.Text>
                <HolidayTag clock={c} testId={`claim-clock-holiday-${c.kind}`} />
              </Flex>
              <Tag color={c.warning && c.state === 'running' ? 'warning' : STATE_COLORS[c.state]} style={{ marginInlineEnd: 0 }}>
                {labels.claimClockState(c.state)}
              </Tag>
            </Flex>
            <div>
              {c.state === 'running' && <ClockCountdown dueAt={c.dueAt} warning={c.warning} testId={`claim-clock-countdown-${c.kind}`} />}
              {c.state === 'paused' && <ClockCountdown dueAt={c.dueAt} pausedRemainingMs={c.remainingMs ?? 0} testId={`claim-clock-countdown-${c.kind}`} />}
              {c.state === 'breached' && c.stoppedAt === null && <ClockCountdown dueAt={c.dueAt} breached testId={`claim-clock-countdown-${c.kind}`} />}
            </div>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {/* A paused clock has no due date yet: it moves out by however long the pause lasts. */}
              {c.state === 'paused' ? t('claims.clock.windowPaused', { from: format.dateTime(c.startedAt) }) : t('claims.clock.window', { from: format.dateTime(c.startedAt), to: format.dateTime(c.dueAt) })}
              {c.stoppedAt && ` · ${t('claims.clock.stoppedAt', { at: format.dateTime(c.stoppedAt) })}`}
              {c.breachedAt && ` · ${t('claims.clock.breachedAt', { at: format.dateTime(c.breachedAt) })}`}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={`claim-clock-rule-${c.kind}`}>
              {t('claims.clock.rule', { days: c.rule.days, source: c.rule.source, version: c.rule.version })}
            </Typography.Text>
          </div>
        ))}
      </Flex>
    </Card>
  );
}
