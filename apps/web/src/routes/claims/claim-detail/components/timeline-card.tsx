import type { TClaim } from '@anxin/contracts';
import { Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { useClaimLabels } from '../../components/claim-labels.ts';

type ClaimEvent = TClaim['events'][number];

const RED_EVENTS = ['deny', 'withdraw', 'clock_breached'];

/** Everything that happened to the claim, newest first: who, when, the status change and the reason given. */
export function TimelineCard({ events, documentName = (code) => code }: { events: ClaimEvent[]; documentName?: (code: string) => string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const claimLabels = useClaimLabels();
  const ordered = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);

  const statusChange = (e: ClaimEvent) =>
    e.toStatus && e.fromStatus !== e.toStatus ? (e.fromStatus ? `${labels.claimStatus(e.fromStatus)} → ${labels.claimStatus(e.toStatus)}` : labels.claimStatus(e.toStatus)) : null;
  const actorOf = (e: ClaimEvent) => labels.actorName(e.actorName);
  /** What the event was about, in words: amounts, documents, who it went to, how a notice was sent. */
  const factsOf = ({ type, facts: f }: ClaimEvent): string[] => {
    const fact = (key: string, values: Record<string, unknown> = {}) => t(`claims.detail.facts.${key}`, { ...values, defaultValue: key });
    const amountKey = ({ approve: 'approved', fast_track_approve: 'approved', adjusted: 'payable', payment_instructed: 'instructed', payment: 'paid', final_payment: 'paid' } as Record<string, string>)[type] ?? 'amount';
    const documents = (f.documentCodes ?? []).map(documentName).join(t('imports.listSeparator'));
    return [
      f.channel && fact('channel', { channel: labels.claimChannel(f.channel) }),
      f.assigneeName && fact(type === 'reported' ? 'routedTo' : 'assignedTo', { name: f.assigneeName }),
      f.amountFen !== undefined && fact(amountKey, { amount: format.fen(f.amountFen), kind: f.paymentKind ? labels.claimPaymentKind(f.paymentKind) : '' }),
      documents && fact(type === 'document_notice' ? 'requested' : 'added', { documents }),
      f.sentVia && fact('sentVia', { via: labels.denialNoticeVia(f.sentVia) }),
      f.clause && fact('clause', { clause: f.clause }),
      f.clock && fact('clock', { clock: labels.claimClock(f.clock) }),
      f.blacklisted ? fact('blacklisted') : f.fraudSuspected !== undefined && type === 'flagged' && fact(f.fraudSuspected ? 'fraudOn' : 'fraudOff'),
    ].filter((x): x is string => typeof x === 'string' && x !== '');
  };

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
                {factsOf(e).length > 0 && (
                  <Typography.Text style={{ display: 'block', marginTop: 4 }} data-testid={`claim-event-${e.id}-facts`}>
                    {factsOf(e).join(' · ')}
                  </Typography.Text>
                )}
                {e.reason && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{e.reason}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
