import { PlusOutlined } from '@ant-design/icons';
import { ZCustomer360ClaimsSection, type TClaimSummary, type TCustomer360 } from '@anxin/contracts';
import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ClaimStatusTag } from '../../../../components/claim-status-tag.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

/** The 360 view's claims section: open claims, total paid, claims in the last 12 months and every claim of the customer. */
export function ClaimsSectionCard({ data, view }: { data: unknown; view: TCustomer360 }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const parsed = ZCustomer360ClaimsSection.safeParse(data);
  if (!parsed.success) return <Alert type="warning" showIcon title={t('customer360.sectionUnreadable')} />;
  const section = parsed.data;
  const opensClaims = can(me, 'claim:read');

  const columns: TableColumnsType<TClaimSummary> = [
    {
      title: t('claims.claimNo'),
      dataIndex: 'claimNo',
      render: (_, c) =>
        opensClaims ? (
          <Link to={`/claims/${c.id}`} className="anxin-mono" data-testid={`customer-claim-${c.id}`}>
            {c.claimNo}
          </Link>
        ) : (
          <span className="anxin-mono">{c.claimNo}</span>
        ),
    },
    {
      title: t('claims.policyNo'),
      dataIndex: 'policyNo',
      render: (_, c) => (
        <Flex vertical>
          <span className="anxin-mono">{c.policyNo}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.productLine(c.line)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('claims.status'), dataIndex: 'status', render: (_, c) => <ClaimStatusTag status={c.status} /> },
    { title: t('claims.amountClaimed'), dataIndex: 'amountClaimedFen', align: 'right', render: (v: number) => format.fen(v) },
    { title: t('claims.amountApproved'), dataIndex: 'amountApprovedFen', align: 'right', render: (v: number | null) => (v === null ? t('common.none') : format.fen(v)) },
    { title: t('claims.amountPaid'), dataIndex: 'amountPaidFen', align: 'right', render: (v: number) => format.fen(v) },
    { title: t('claims.reportedAt'), dataIndex: 'reportedAt', render: (v: string) => format.dateTime(v) },
  ];

  return (
    <Flex vertical gap={16} data-testid="customer-claims">
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Row gutter={[16, 16]} style={{ flex: 1 }}>
          <Col xs={8} md={6}>
            <Card size="small">
              <Statistic title={t('customer360.claimsOpen')} value={format.number(section.openCount)} data-testid="customer-claims-open" />
            </Card>
          </Col>
          <Col xs={8} md={6}>
            <Card size="small">
              <Statistic title={t('customer360.claimsPaid')} value={format.fen(section.paidFen)} data-testid="customer-claims-paid" />
            </Card>
          </Col>
          <Col xs={8} md={6}>
            <Card size="small">
              <Statistic title={t('customer360.claimsLast12Months')} value={format.number(section.last12MonthsCount)} data-testid="customer-claims-12m" />
            </Card>
          </Col>
        </Row>
        {can(me, 'claim:report') && (
          <Button icon={<PlusOutlined />} onClick={() => void navigate(`/claims/new?customerId=${view.customer.id}`)} data-testid="customer-report-claim">
            {t('claims.intake.title')}
          </Button>
        )}
      </Flex>
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.noClaims')} />
      ) : (
        <Table<TClaimSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={section.items}
          pagination={section.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          onRow={(c) => ({ 'data-testid': `customer-claim-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Flex>
  );
}
