import { PlusOutlined } from '@ant-design/icons';
import { ZCustomer360ComplaintsSection, type TComplaintSummary, type TCustomer360 } from '@anxin/contracts';
import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { can } from '../../../../permissions.ts';
import { ComplaintClock } from '../../../complaints/components/complaint-clock.tsx';
import { useComplaintLabels } from '../../../complaints/components/complaint-labels.ts';
import { ComplaintStatusTag } from '../../../complaints/components/complaint-status-tag.tsx';

/** The 360 view's complaints section: open, in the last 12 months, ever late, and every complaint of the customer. */
export function ComplaintsSectionCard({ data, view }: { data: unknown; view: TCustomer360 }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const format = useFormat();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const parsed = ZCustomer360ComplaintsSection.safeParse(data);
  if (!parsed.success) return <Alert type="warning" showIcon title={t('customer360.sectionUnreadable')} />;
  const section = parsed.data;
  const columns: TableColumnsType<TComplaintSummary> = [
    { title: t('complaints.complaintNo'), dataIndex: 'complaintNo', render: (no: string, c) => <Link to={`/complaints/${c.id}`} className="anxin-mono">{no}</Link> },
    { title: t('complaints.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => format.dateTime(v) },
    { title: t('complaints.subject'), dataIndex: 'subject' },
    { title: t('complaints.category'), key: 'category', render: (_, c) => `${labels.category(c.category)} · ${labels.subReason(c.subReason)}` },
    { title: t('complaints.status'), dataIndex: 'status', render: (_, c) => <ComplaintStatusTag status={c.status} /> },
    { title: t('complaints.clock'), key: 'clock', render: (_, c) => <ComplaintClock clock={c.clock} /> },
  ];
  return (
    <Card
      size="small"
      data-testid="customer-complaints"
      extra={
        can(me, 'complaint:register') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => void navigate(`/complaints/new?customerId=${view.customer.id}`)}>
            {t('complaints.intake.title')}
          </Button>
        )
      }
    >
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={8}>
          <Statistic title={t('customer360.complaints.open')} value={section.openCount} />
        </Col>
        <Col span={8}>
          <Statistic title={t('customer360.complaints.last12Months')} value={section.last12MonthsCount} />
        </Col>
        <Col span={8}>
          <Statistic title={t('customer360.complaints.late')} value={section.breachedCount} />
        </Col>
      </Row>
      {section.items.length === 0 ? <Empty description={t('customer360.complaints.none')} /> : <Flex vertical><Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={section.items} scroll={{ x: 800 }} /></Flex>}
    </Card>
  );
}
