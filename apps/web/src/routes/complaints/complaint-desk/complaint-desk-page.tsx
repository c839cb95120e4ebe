import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type TComplaintCategory, type TComplaintStatus, type TComplaintSummary } from '@anxin/contracts';
import { Button, Card, Checkbox, Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useComplaints, type ComplaintFilters } from '../../../api/complaints.ts';
import { OrgUnitTreeSelect } from '../../../components/org-unit-tree-select.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { ComplaintClock } from '../components/complaint-clock.tsx';
import { useComplaintLabels } from '../components/complaint-labels.ts';
import { ComplaintStatusTag } from '../components/complaint-status-tag.tsx';

function filtersOf(params: URLSearchParams): ComplaintFilters {
  const status = params.get('status');
  const category = params.get('category');
  return {
    status: status && (COMPLAINT_STATUSES as readonly string[]).includes(status) ? (status as TComplaintStatus) : undefined,
    category: category && (COMPLAINT_CATEGORIES as readonly string[]).includes(category) ? (category as TComplaintCategory) : undefined,
    unitId: params.get('unitId') ?? undefined,
    q: params.get('q') ?? undefined,
    open: params.get('all') === '1' ? undefined : 'true',
  };
}

/** The complaint desk (投诉工作台): complaints in the user's scope, the nearest deadline first, with countdowns. */
export function ComplaintDeskPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const list = useComplaints(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<TComplaintSummary> = [
    {
      title: t('complaints.complaintNo'),
      dataIndex: 'complaintNo',
      render: (no: string, c) => (
        <Flex vertical gap={2}>
          <Link to={`/complaints/${c.id}`} className="anxin-mono">
            {no}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.dateTime(c.receivedAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('complaints.customer'), dataIndex: 'customerName', render: (name: string, c) => <Link to={`/customers/${c.customerId}`}>{name}</Link> },
    {
      title: t('complaints.subject'),
      dataIndex: 'subject',
      render: (subject: string, c) => (
        <Flex vertical gap={2}>
          <span>{subject}</span>
          <Flex gap={4} wrap>
            <Tag style={{ marginInlineEnd: 0 }}>{`${labels.category(c.category)} · ${labels.subReason(c.subReason)}`}</Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{labels.channel(c.channel)}</Tag>
            {c.severity !== 'normal' && (
              <Tag color={c.severity === 'critical' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {labels.severity(c.severity)}
              </Tag>
            )}
            {c.collective && (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t('complaints.collective')}
              </Tag>
            )}
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('complaints.unit'),
      key: 'unit',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <span>{`${labels.tier(c.tier)} · ${c.orgUnit.name}`}</span>
          {c.homeUnit.id !== c.orgUnit.id && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('complaints.homeUnitOf', { name: c.homeUnit.name })}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('complaints.status'), dataIndex: 'status', render: (s: TComplaintStatus) => <ComplaintStatusTag status={s} /> },
    {
      title: t('complaints.clock'),
      key: 'clock',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <ComplaintClock clock={c.clock} />
          {c.breached && (
            <Tag color="red" style={{ marginInlineEnd: 0, width: 'fit-content' }}>
              {t('complaints.breachedTag')}
            </Tag>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <div data-testid="complaint-desk-page">
      <PageHeader
        title={t('complaints.desk.title')}
        description={t('complaints.desk.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending}>
              {t('common.refresh')}
            </Button>
            {can(me, 'complaint:register') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/complaints/new')} data-testid="complaint-new">
                {t('complaints.intake.title')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('complaints.desk.search')} defaultValue={filters.q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 220 }} data-testid="complaint-search" />
          <Select allowClear placeholder={t('complaints.status')} value={filters.status} onChange={(v?: string) => set('status', v)} style={{ width: 140 }} options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))} />
          <Select allowClear placeholder={t('complaints.category')} value={filters.category} onChange={(v?: string) => set('category', v)} style={{ width: 160 }} options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} />
          <OrgUnitTreeSelect allowClear placeholder={t('complaints.unit')} value={filters.unitId} onChange={(v) => set('unitId', v ?? undefined)} style={{ width: 220 }} />
          <Checkbox checked={filters.open === undefined} onChange={(e) => set('all', e.target.checked ? '1' : undefined)} data-testid="complaint-show-all">
            {t('complaints.desk.showClosed')}
          </Checkbox>
        </Flex>
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 12 }} />}
        <Table<TComplaintSummary>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(c) => ({ 'data-testid': `complaint-row-${c.id}`, 'data-complaint-no': c.complaintNo }) as HTMLAttributes<HTMLElement>}
        />
        {list.hasNextPage && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
    </div>
  );
}
