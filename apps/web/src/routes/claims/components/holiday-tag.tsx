import type { TClaimClock } from '@anxin/contracts';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** A warning that a clock's deadline falls on a public holiday (calendar-day clocks are not extended by it). */
export function HolidayTag({ clock, testId }: { clock: TClaimClock; testId: string }) {
  const { t, i18n } = useTranslation();
  if (!clock.dueHoliday) return null;
  return (
    <Tooltip title={t('claims.clock.holidayHelp')}>
      <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid={testId}>
        {t('claims.clock.dueOnHoliday', { name: i18n.language === 'zh-CN' ? clock.dueHoliday.nameZh : clock.dueHoliday.name })}
      </Tag>
    </Tooltip>
  );
}
