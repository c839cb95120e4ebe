import type { TFollowUpVisit } from '@anxin/contracts';
import { Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useVisits } from '../../../../api/visits.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { VISIT_STATUS_COLORS, useServiceLabels } from '../../../../components/service-labels.ts';
import { useFormat } from '../../../../format.ts';

/** The customer's follow-up visits (回访), scheduled and done. */
export function ServiceVisitsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const list = useVisits({ customerId }, { limit: 20 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: TableColumnsType<TFollowUpVisit> = [
    { title: t('visits.visitType'), dataIndex: 'visitType', render: (_, v) => <Link to={`/visits/${v.id}`}>{labels.visitType(v.visitType)}</Link> },
    { title: t('visits.method'), dataIndex: 'method', render: (_, v) => labels.visitMethod(v.method) },
    { title: t('visits.status'), dataIndex: 'status', render: (_, v) => <Tag color={VISIT_STATUS_COLORS[v.status]}>{labels.visitStatus(v.status)}</Tag> },
    { title: t('visits.dueAt'), dataIndex: 'dueAt', render: (_, v) => <Typography.Text type={v.overdue && v.status === 'scheduled' ? 'danger' : undefined}>{format.dateTime(v.dueAt)}</Typography.Text> },
    { title: t('visits.attempts'), dataIndex: 'attempts', align: 'right', render: (n: number) => format.number(n) },
  ];
  return (
    <Card size="small" title={t('customer360.service.visits')} data-testid="customer-service-visits">
      {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 8 }} />}
      <Table<TFollowUpVisit>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t('customer360.service.visitsNone') }}
        onRow={(v) => ({ 'data-testid': `customer-visit-${v.id}` }) as HTMLAttributes<HTMLElement>}
      />
      {list.hasNextPage && (
        <Button size="small" type="link" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Card>
  );
}
