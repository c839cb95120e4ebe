import { DownloadOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { POLICY_STATUSES, PRODUCT_LINES, type TPolicySummary } from '@anxin/contracts';
import { App, Button, Card, Dropdown, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useExportPolicies, usePolicies, type PolicyListFilters } from '../../../api/policies.ts';
import { useProducts } from '../../../api/products.ts';
import { OrgUnitTreeSelect } from '../../../components/org-unit-tree-select.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PolicyStatusTag } from '../../../components/policy-status-tag.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { shanghaiToday, useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';
import { usePolicyColumns } from '../components/policy-columns.tsx';
import { filtersFromSearch, searchFromFilters } from './policy-list-params.ts';

/** The date `days` after `date` (both `YYYY-MM-DD`). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const EXPIRING_WINDOWS = [30, 60, 90] as const;

/** Policies of the user's scope: filters by status, line, product, unit and expiry; keyset "load more". */
export function PolicyListPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const list = usePolicies(filters);
  const columns = usePolicyColumns<TPolicySummary>();
  const products = useProducts();
  const exporter = useExportPolicies();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const today = shanghaiToday();

  const set = (patch: Partial<PolicyListFilters>) => setSearchParams(searchFromFilters({ ...filters, ...patch }), { replace: true });
  const expiringValue = EXPIRING_WINDOWS.find((days) => filters.expiringBefore === addDays(today, days));

  const tableColumns: TableColumnsType<TPolicySummary> = [
    columns.policyNo('policy-open-'),
    columns.product,
    columns.policyholder,
    { title: t('policies.status'), dataIndex: 'status', render: (_, p) => <PolicyStatusTag status={p.status} /> },
    columns.sumInsured,
    columns.premium,
    {
      title: t('policies.period'),
      key: 'period',
      render: (_, p) => (
        <Typography.Text type={p.status === 'in_force' && p.expiresOn <= addDays(today, 30) ? 'warning' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {`${format.date(p.effectiveOn)} ~ ${format.date(p.expiresOn)}`}
        </Typography.Text>
      ),
    },
    { title: t('policies.agent'), key: 'agent', render: (_, p) => p.agent.name },
    { title: t('policies.orgUnit'), key: 'orgUnit', render: (_, p) => p.orgUnit.name },
  ];

  return (
    <div data-testid="policy-list-page">
      <PageHeader
        title={t('policies.title')}
        description={t('policies.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending}>
              {t('common.refresh')}
            </Button>
            {can(me, 'customer:export') && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'csv', label: <span data-testid="policy-export-csv">{t('customers.exportCsv')}</span> },
                    { key: 'xlsx', label: <span data-testid="policy-export-xlsx">{t('customers.exportXlsx')}</span> },
                  ],
                  onClick: ({ key }) =>
                    exporter.mutate({ filters, format: key as 'csv' | 'xlsx' }, { onSuccess: (name) => void message.success(t('customers.exported', { name })) }),
                }}
              >
                <Button icon={<DownloadOutlined />} loading={exporter.isPending} data-testid="policy-export">
                  {t('customers.export')}
                </Button>
              </Dropdown>
            )}
            {can(me, 'policy:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/policies/new')} data-testid="policy-create">
                {t('policies.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('policies.searchPlaceholder')}
            defaultValue={filters.q}
            onSearch={(value) => set({ q: value.trim() || undefined })}
            style={{ width: 260 }}
            data-testid="policy-search"
          />
          <Select
            allowClear
            placeholder={t('policies.status')}
            value={filters.status}
            onChange={(status) => set({ status: status ?? undefined })}
            options={POLICY_STATUSES.map((s) => ({ value: s, label: labels.policyStatus(s) }))}
            style={{ minWidth: 120 }}
            data-testid="policy-filter-status"
          />
          <Select
            allowClear
            placeholder={t('products.line')}
            value={filters.line}
            onChange={(line) => set({ line: line ?? undefined })}
            options={PRODUCT_LINES.map((l) => ({ value: l, label: labels.productLine(l) }))}
            style={{ minWidth: 140 }}
            data-testid="policy-filter-line"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: ['label'] }}
            placeholder={t('policies.product')}
            value={filters.productId}
            onChange={(productId) => set({ productId: productId ?? undefined })}
            options={(products.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
            style={{ minWidth: 200 }}
            popupMatchSelectWidth={false}
            data-testid="policy-filter-product"
          />
          <Select
            allowClear
            placeholder={t('policies.expiring')}
            value={expiringValue}
            // Expiring within N days: from today to today + N, the soonest first.
            onChange={(days) => set(days ? { expiringBefore: addDays(today, days), expiringFrom: today, sort: 'expiresOn' } : { expiringBefore: undefined, expiringFrom: undefined, sort: undefined })}
            options={EXPIRING_WINDOWS.map((days) => ({ value: days, label: t('policies.expiringWithin', { count: days }) }))}
            style={{ minWidth: 150 }}
            data-testid="policy-filter-expiring"
          />
          {can(me, 'org:read') && (
            <OrgUnitTreeSelect
              allowClear
              disableClosed={false}
              placeholder={t('policies.orgUnit')}
              value={filters.orgUnitId}
              onChange={(orgUnitId) => set({ orgUnitId })}
              style={{ minWidth: 200 }}
              testId="policy-filter-org-unit"
            />
          )}
        </Flex>
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} />}
        {exporter.isError && <ProblemAlert error={exporter.error} style={{ marginBottom: 16 }} />}
        <div data-testid="policy-table">
          <Table<TPolicySummary>
            rowKey="id"
            size="middle"
            columns={tableColumns}
            dataSource={items}
            loading={list.isFetching && !list.isFetchingNextPage}
            pagination={false}
            tableLayout="auto"
            onRow={(p) => ({ 'data-testid': `policy-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
          />
        </div>
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('policies.loaded', { shown: format.number(items.length) })}</Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="policy-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </div>
  );
}
