import type { TComplaintClock } from '@anxin/contracts';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.ts';
import { ClockCountdown } from '../../claims/components/clock-countdown.tsx';

/** The complaint's clock: a countdown while it runs, otherwise met or breached. */
export function ComplaintClock({ clock, testId }: { clock: TComplaintClock | null; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!clock) return <Typography.Text type="secondary">—</Typography.Text>;
  if (clock.state === 'running') return <ClockCountdown dueAt={clock.dueAt} warning={clock.warning} testId={testId} />;
  if (clock.state === 'breached' && clock.remainingMs !== null) return <ClockCountdown dueAt={clock.dueAt} breached testId={testId} />;
  return (
    <Typography.Text type={clock.state === 'met' ? 'success' : 'danger'} data-testid={testId}>
      {clock.state === 'met' ? t('complaints.clockMet', { at: format.dateTime(clock.dueAt) }) : t('complaints.clockBreached', { at: format.dateTime(clock.dueAt) })}
    </Typography.Text>
  );
}
