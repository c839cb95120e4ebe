import type { TComplaint } from '@anxin/contracts';
import { Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { useComplaintLabels } from '../../components/complaint-labels.ts';

const FIELD_ORDER = ['facts', 'customerContacted', 'summary', 'previousAssigneeName', 'assigneeName', 'reason', 'note', 'findings', 'responsibility', 'resolution', 'compensationFen', 'rootCause', 'customerToldVia', 'days', 'response', 'outcome', 'clock', 'dueAt'];

/** The complaint's records (registration, verification, transfer, handling, …) as a timeline, oldest first. */
export function ComplaintRecords({ complaint }: { complaint: TComplaint }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const format = useFormat();
  const common = useLabels();
  const value = (key: string, v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
    if (key === 'compensationFen') return format.fen(Number(v));
    if (key === 'dueAt') return format.dateTime(String(v));
    if (key === 'reason') return labels.reason(String(v));
    if (key === 'clock') return t(v === 'review' ? 'complaints.reviewClock' : 'complaints.decisionClock');
    if (key === 'responsibility') return t(`complaints.responsibility.${v as 'company'}`, { defaultValue: String(v) });
    if (key === 'response') return t(`complaints.response.${v as 'accepts'}`, { defaultValue: String(v) });
    if (key === 'customerToldVia') return t(`complaints.toldVia.${v as 'phone'}`, { defaultValue: String(v) });
    if (key === 'outcome') return t(`complaints.outcome.${v as 'upheld'}`, { defaultValue: String(v) });
    return String(v);
  };
  return (
    <Card title={t('complaints.records')} size="small" data-testid="complaint-records">
      {complaint.records.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.noRecords')} />
      ) : (
        <Timeline
          items={complaint.records.map((r) => ({
            key: r.id,
            color: r.kind === 'breach' ? 'red' : r.kind === 'warning' ? 'orange' : r.kind === 'transfer' ? 'blue' : 'gray',
            content: (
              <div data-testid={`complaint-record-${r.kind}`}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>{labels.record(r.kind)}</Typography.Text>
                  {r.fromUnit && r.toUnit && <Tag style={{ marginInlineEnd: 0 }}>{`${r.fromUnit.name} → ${r.toUnit.name}`}</Tag>}
                  {r.kind === 'transfer' && r.data.escalation === true && (
                    <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="complaint-record-escalation">
                      {t('complaintEnums.action.escalate')}
                    </Tag>
                  )}
                  {r.kind === 'transfer' && r.data.automatic === true && <Tag style={{ marginInlineEnd: 0 }}>{t('complaints.automaticTransfer')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('complaints.recordBy', { name: common.actorName(r.actorName), at: format.dateTime(r.at) })}
                </Typography.Text>
                {FIELD_ORDER.filter((k) => k in r.data && k !== 'automatic' && k !== 'escalation').map((k) => (
                  <Typography.Paragraph key={k} style={{ margin: '2px 0 0' }}>
                    <Typography.Text type="secondary">{t(`complaints.fields.${k as 'facts'}`, { defaultValue: k })}：</Typography.Text>
                    {value(k, r.data[k])}
                  </Typography.Paragraph>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
