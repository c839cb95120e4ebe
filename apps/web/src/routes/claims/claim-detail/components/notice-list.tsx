import type { TClaim } from '@anxin/contracts';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

/** The notices of missing documents sent so far: when, by whom, what they asked for and (for later ones) why it was not asked first. */
export function NoticeList({ claim }: { claim: TClaim }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  if (claim.notices.length === 0) return null;
  const nameOf = (code: string) => claim.checklist.find((item) => item.code === code)?.name ?? code;
  return (
    <div style={{ marginTop: 16 }} data-testid="claim-notices">
      <Typography.Text strong>{t('claims.checklist.notices')}</Typography.Text>
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        {[...claim.notices]
          .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
          .map((n) => (
            <div key={n.id} data-testid={`claim-notice-${n.id}`}>
              <Flex gap={6} align="center" wrap>
                <Tag color={n.first ? 'blue' : 'orange'} style={{ marginInlineEnd: 0 }}>
                  {n.first ? t('claims.checklist.firstNotice') : t('claims.checklist.laterNotice')}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('claims.detail.eventBy', { name: labels.actorName(n.sentBy), at: format.dateTime(n.sentAt) })}
                </Typography.Text>
              </Flex>
              <div>{n.codes.map(nameOf).join(t('imports.listSeparator'))}</div>
              {n.lateReason && (
                <Typography.Text type="secondary">{t('claims.checklist.lateReasonGiven', { reason: n.lateReason })}</Typography.Text>
              )}
            </div>
          ))}
      </Flex>
    </div>
  );
}
