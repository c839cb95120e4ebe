import type { TClaimClock } from '@anxin/contracts';
import { Flex, Tag, Typography } from 'antd';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { ClockCountdown } from './clock-countdown.tsx';
import { HolidayTag } from './holiday-tag.tsx';

/** A claim's clocks in one line each: kind, then the countdown (running), time left (paused) or the outcome. */
export function ClockList({ clocks, testIdPrefix }: { clocks: TClaimClock[]; testIdPrefix: string }) {
  const labels = useLabels();
  const format = useFormat();
  return (
    <Flex vertical gap={4}>
      {clocks.map((c) => (
        <Flex key={c.kind} gap={8} align="center" wrap data-testid={`${testIdPrefix}-${c.kind}`} data-state={c.state}>
          <Tag color={c.state === 'breached' ? 'red' : c.warning ? 'orange' : c.state === 'met' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
            {labels.claimClock(c.kind)}
          </Tag>
          {c.state === 'running' && <ClockCountdown dueAt={c.dueAt} warning={c.warning} />}
          {c.state === 'paused' && <ClockCountdown dueAt={c.dueAt} pausedRemainingMs={c.remainingMs ?? 0} />}
          {c.state === 'breached' && c.stoppedAt === null && <ClockCountdown dueAt={c.dueAt} breached />}
          <HolidayTag clock={c} testId={`${testIdPrefix}-${c.kind}-holiday`} />
          {(c.state === 'met' || (c.state === 'breached' && c.stoppedAt !== null)) && (
            <Typography.Text type={c.state === 'met' ? 'success' : 'danger'}>
              {`${labels.claimClockState(c.state)} · ${format.dateTime(c.stoppedAt ?? c.breachedAt)}`}
            </Typography.Text>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
