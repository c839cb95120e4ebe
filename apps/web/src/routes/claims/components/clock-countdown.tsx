import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../components/use-now.ts';
import { useFormat } from '../../../format.ts';

interface ClockCountdownProps {
  /** When the clock runs out; null when nothing is running. */
  dueAt: string | null;
  warning?: boolean;
  breached?: boolean;
  /** A paused clock does not move: the time it had left when it stopped. */
  pausedRemainingMs?: number | null;
  testId?: string;
}

/** Time left until a deadline (live), red once it has passed or was breached, orange while it warns. */
export function ClockCountdown({ dueAt, warning = false, breached = false, pausedRemainingMs, testId }: ClockCountdownProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  if (pausedRemainingMs !== undefined && pausedRemainingMs !== null) {
    return (
      <Typography.Text type="secondary" data-testid={testId} data-state="paused">
        {t('claims.clock.pausedLeft', { time: format.duration(pausedRemainingMs) })}
      </Typography.Text>
    );
  }
  if (!dueAt) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const remaining = new Date(dueAt).getTime() - now;
  const overdue = breached || remaining < 0;
  const state = overdue ? 'breached' : warning ? 'warning' : 'ok';
  return (
    <Tooltip title={t('claims.clock.dueAt', { at: format.dateTime(dueAt) })}>
      <Typography.Text type={overdue ? 'danger' : warning ? 'warning' : undefined} strong={overdue || warning} style={{ whiteSpace: 'nowrap' }} data-testid={testId} data-state={state}>
        {remaining < 0 ? t('claims.clock.overdueBy', { time: format.duration(remaining) }) : t('claims.clock.dueIn', { time: format.duration(remaining) })}
      </Typography.Text>
    </Tooltip>
  );
}
