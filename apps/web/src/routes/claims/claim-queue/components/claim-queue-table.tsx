import type { TClaimSummary } from '@anxin/contracts';
import { Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ClaimStatusTag } from '../../../../components/claim-status-tag.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { ClaimBadges } from '../../components/claim-badges.tsx';
import { ClockCountdown } from '../../components/clock-countdown.tsx';

/** The loaded keyset pages of the work queue, in the order the server sorted them. */
export function ClaimQueueTable({ items, loading }: { items: TClaimSummary[]; loading: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();

  const columns: TableColumnsType<TClaimSummary> = [
    {
      title: t('claims.claimNo'),
      dataIndex: 'claimNo',
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/claims/${c.id}`} className="anxin-mono" data-testid={`claim-open-${c.id}`}>
            {c.claimNo}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.dateTime(c.reportedAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('claims.insured'), dataIndex: 'insuredName', render: (_, c) => <Link to={`/customers/${c.customerId}`}>{c.insuredName}</Link> },
    {
      title: t('claims.policyNo'),
      dataIndex: 'policyNo',
      render: (_, c) => (
        <Link to={`/policies/${c.policyId}`} className="anxin-mono">
          {c.policyNo}
        </Link>
      ),
    },
    { title: t('claims.line'), dataIndex: 'line', render: (_, c) => labels.productLine(c.line) },
    { title: t('claims.status'), dataIndex: 'status', render: (_, c) => <ClaimStatusTag status={c.status} testId={`claim-status-${c.id}`} /> },
    { title: t('claims.amountClaimed'), dataIndex: 'amountClaimedFen', align: 'right', render: (v: number) => format.fen(v) },
    {
      title: t('claims.assignee'),
      key: 'assignee',
      render: (_, c) => c.assignee?.name ?? <Typography.Text type="secondary">{t('claims.unassigned')}</Typography.Text>,
    },
    { title: t('claims.flags'), key: 'flags', render: (_, c) => <ClaimBadges claim={c} /> },
    {
      title: t('claims.nextDue'),
      dataIndex: 'nextDueAt',
      render: (_, c) => <ClockCountdown dueAt={c.nextDueAt} warning={c.warning} breached={c.breached} testId={`claim-clock-${c.id}`} />,
    },
  ];

  return (
    <div data-testid="claim-table">
      <Table<TClaimSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        tableLayout="auto"
        locale={{ emptyText: t('claims.queue.empty') }}
        onRow={(c) => ({ 'data-testid': `claim-row-${c.id}`, 'data-status': c.status }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
