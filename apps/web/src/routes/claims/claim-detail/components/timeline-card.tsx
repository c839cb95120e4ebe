import type { TClaim } from '@anxin/contracts';
import { Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { useClaimLabels } from '../../components/claim-labels.ts';

type ClaimEvent = TClaim['events'][number];

const RED_EVENTS = ['deny', 'withdraw', 'clock_breached'];

/** Everything that happened to the claim, newest first: who, when, the status change and the reason given. */
export function TimelineCard({ events }: { events: ClaimEvent[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const claimLabels = useClaimLabels();
  const ordered = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);

  const statusChange = (e: ClaimEvent) =>
    e.toStatus && e.fromStatus !== e.toStatus ? (e.fromStatus ? `${labels.claimStatus(e.fromStatus)} → ${labels.claimStatus(e.toStatus)}` : labels.claimStatus(e.toStatus)) : null;
  // The clock sweep records as "system".
  const actorOf = (e: ClaimEvent) => (e.actorName === 'system' ? t('claims.detail.system') : e.actorName);

  return (
    <Card title={t('claims.detail.timeline')} size="small" data-testid="claim-timeline">
      {ordered.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={ordered.map((e) => ({
            key: e.id,
            color: RED_EVENTS.includes(e.type) ? 'red' : statusChange(e) ? 'blue' : 'gray',
            content: (
              <div data-testid={`claim-event-${e.id}`} data-type={e.type}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>{claimLabels.eventType(e.type)}</Typography.Text>
                  {statusChange(e) && <Tag style={{ marginInlineEnd: 0 }}>{statusChange(e)}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('claims.detail.eventBy', { name: actorOf(e), at: format.dateTime(e.at) })}
                </Typography.Text>
                {e.reason && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{e.reason}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
