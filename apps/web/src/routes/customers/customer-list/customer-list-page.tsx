import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useCustomers, useExportCustomers, type CustomerListFilters } from '../../../api/customers.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { CustomerFilters } from './components/customer-filters.tsx';
import { CustomerTable } from './components/customer-table.tsx';
import { DEFAULT_SORT, filtersFromSearch, searchFromFilters } from './customer-list-params.ts';

/** Customer search and list: one search box, filters, server-side sorting and keyset "load more". */
export function CustomerListPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const list = useCustomers(filters);
  const exporter = useExportCustomers();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilters = (next: CustomerListFilters) => setSearchParams(searchFromFilters(next), { replace: true });
  const exportAs = (fileFormat: 'csv' | 'xlsx') =>
    exporter.mutate({ filters, format: fileFormat }, { onSuccess: (name) => void message.success(t('customers.exported', { name })) });

  return (
    <div data-testid="customer-list-page">
      <PageHeader
        title={t('customers.title')}
        description={t('customers.description')}
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
                    { key: 'csv', label: <span data-testid="customer-export-csv">{t('customers.exportCsv')}</span> },
                    { key: 'xlsx', label: <span data-testid="customer-export-xlsx">{t('customers.exportXlsx')}</span> },
                  ],
                  onClick: ({ key }) => exportAs(key as 'csv' | 'xlsx'),
                }}
              >
                <Button icon={<DownloadOutlined />} loading={exporter.isPending} data-testid="customer-export">
                  {t('customers.export')}
                </Button>
              </Dropdown>
            )}
            {can(me, 'customer:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/customers/new')} data-testid="customer-create">
                {t('customers.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <CustomerFilters filters={filters} onChange={setFilters} />
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} />}
        {exporter.isError && <ProblemAlert error={exporter.error} style={{ marginBottom: 16 }} />}
        {can(me, 'customer:export') && <Typography.Paragraph type="secondary">{t('customers.exportNote')}</Typography.Paragraph>}
        <CustomerTable items={items} loading={list.isFetching && !list.isFetchingNextPage} sort={filters.sort ?? DEFAULT_SORT} onSortChange={(sort) => setFilters({ ...filters, sort })} />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="customer-loaded-count" data-count={items.length}>
            {t('customers.loaded', { count: items.length, shown: format.number(items.length) })}
            {!list.hasNextPage && !list.isPending && items.length > 0 ? ` · ${t('customers.allLoaded')}` : ''}
          </Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="customer-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </div>
  );
}
