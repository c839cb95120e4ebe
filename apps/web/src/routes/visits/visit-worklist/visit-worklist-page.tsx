import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { VISIT_STATUSES, VISIT_TYPES, type TFollowUpVisit, type TVisitStatus, type TVisitType } from '@anxin/contracts';
import { Button, Card, Checkbox, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useVisits } from '../../../api/visits.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { VISIT_STATUS_COLORS, useServiceLabels } from '../../../components/service-labels.ts';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { CreateVisitModal } from './components/create-visit-modal.tsx';

/** The follow-up visit worklist (回访): scheduled visits first by due time, with type, method and attempts. */
export function VisitWorklistPage() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const me = useCurrentUser();
  const [status, setStatus] = useState<TVisitStatus | undefined>('scheduled');
  const [visitType, setVisitType] = useState<TVisitType | undefined>();
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useVisits({ status, visitType, mine: mine || undefined });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<TFollowUpVisit> = [
    {
      title: t('visits.customer'),
      key: 'customer',
      render: (_, v) => <Link to={`/customers/${v.customer.id}`}>{v.customer.name}</Link>,
    },
    {
      title: t('visits.visitType'),
      dataIndex: 'visitType',
      render: (_, v) => (
        <Link to={`/visits/${v.id}`} data-testid={`visit-open-${v.id}`}>
          {labels.visitType(v.visitType)}
        </Link>
      ),
    },
    { title: t('visits.method'), dataIndex: 'method', render: (_, v) => <Tag>{labels.visitMethod(v.method)}</Tag> },
    {
      title: t('visits.status'),
      dataIndex: 'status',
      render: (_, v) => (
        <Tag color={VISIT_STATUS_COLORS[v.status]} data-testid={`visit-status-${v.id}`}>
          {labels.visitStatus(v.status)}
        </Tag>
      ),
    },
    {
      title: t('visits.dueAt'),
      dataIndex: 'dueAt',
      render: (_, v) => (
        <Flex gap={4} align="center" wrap>
          <Typography.Text type={v.overdue ? 'danger' : undefined}>{format.dateTime(v.dueAt)}</Typography.Text>
          {v.overdue && <Tag color="red">{t('visits.overdue')}</Tag>}
        </Flex>
      ),
    },
    { title: t('visits.attempts'), dataIndex: 'attempts', align: 'right', render: (n: number) => format.number(n) },
    { title: t('visits.assignee'), key: 'assignee', render: (_, v) => v.assignee?.name ?? <Typography.Text type="secondary">{t('tasks.unassigned')}</Typography.Text> },
    { title: t('visits.unit'), key: 'unit', render: (_, v) => v.unit.name },
  ];

  return (
    <div data-testid="visit-worklist-page">
      <PageHeader
        title={t('visits.title')}
        description={t('visits.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending} data-testid="visit-refresh">
              {t('common.refresh')}
            </Button>
            {can(me, 'service:work') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="visit-create">
                {t('visits.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('visits.status')}
            value={status}
            onChange={(v) => setStatus(v ?? undefined)}
            options={VISIT_STATUSES.map((s) => ({ value: s, label: labels.visitStatus(s) }))}
            style={{ minWidth: 130 }}
            data-testid="visit-filter-status"
          />
          <Select
            allowClear
            placeholder={t('visits.visitType')}
            value={visitType}
            onChange={(v) => setVisitType(v ?? undefined)}
            options={VISIT_TYPES.map((v) => ({ value: v, label: labels.visitType(v) }))}
            style={{ minWidth: 160 }}
            data-testid="visit-filter-type"
          />
          <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="visit-filter-mine">
            {t('visits.mine')}
          </Checkbox>
        </Flex>
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} testId="visit-list-error" />}
        <div data-testid="visit-table">
          <Table<TFollowUpVisit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching && !list.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 1000 }}
            rowClassName={(v) => (v.overdue && v.status === 'scheduled' ? 'anxin-row-overdue' : '')}
            locale={{ emptyText: t('visits.empty') }}
            onRow={(v) => ({ 'data-testid': `visit-row-${v.id}`, 'data-status': v.status }) as HTMLAttributes<HTMLElement>}
          />
        </div>
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('visits.loaded', { shown: format.number(items.length) })}</Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="visit-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
      {creating && <CreateVisitModal onClose={() => setCreating(false)} />}
    </div>
  );
}
