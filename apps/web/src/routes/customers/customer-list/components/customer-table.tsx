import type { TCustomerSort, TCustomerSummary } from '@anxin/contracts';
import { Flex, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StageTag, TierTag } from '../../../../components/customer-badges.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

type SortableColumn = 'name' | 'createdAt' | 'updatedAt';

const orderOf = (sort: TCustomerSort, column: SortableColumn) =>
  sort === column ? ('ascend' as const) : sort === `-${column}` ? ('descend' as const) : null;

/** Customers of the loaded keyset pages; sorting is done by the server (clicking a header re-queries). */
export function CustomerTable({
  items,
  loading,
  sort,
  onSortChange,
}: {
  items: TCustomerSummary[];
  loading: boolean;
  sort: TCustomerSort;
  onSortChange: (sort: TCustomerSort) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();

  const columns: TableColumnsType<TCustomerSummary> = [
    {
      title: t('customers.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: orderOf(sort, 'name'),
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/customers/${c.id}`} data-testid={`customer-open-${c.id}`} className="customer-open">
            {c.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.customerKind(c.kind)}
            {c.gender ? ` · ${labels.gender(c.gender)}` : ''}
            {c.birthDate ? ` · ${format.date(c.birthDate)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('customers.idNumber'), dataIndex: 'idNumber', render: (v: string | null) => (v ? <span className="anxin-mono">{v}</span> : t('common.none')) },
    { title: t('customers.mobile'), dataIndex: 'mobile', render: (v: string | null) => (v ? <span className="anxin-mono">{v}</span> : t('common.none')) },
    { title: t('customers.stage'), dataIndex: 'lifecycleStage', render: (_, c) => <StageTag stage={c.lifecycleStage} /> },
    { title: t('customers.tier'), dataIndex: 'tier', render: (_, c) => <TierTag tier={c.tier} /> },
    { title: t('customers.ownerAgent'), dataIndex: 'ownerAgentName', render: (v: string | null) => v ?? t('common.none') },
    { title: t('customers.orgUnit'), dataIndex: 'orgUnitName' },
    {
      title: t('customers.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: orderOf(sort, 'createdAt'),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(v)}</span>,
    },
    {
      title: t('customers.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: orderOf(sort, 'updatedAt'),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(v)}</span>,
    },
  ];

  const onChange: TableProps<TCustomerSummary>['onChange'] = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = s?.columnKey as SortableColumn | undefined;
    if (!column || !s?.order) {
      onSortChange('-createdAt');
      return;
    }
    onSortChange((s.order === 'ascend' ? column : `-${column}`) as TCustomerSort);
  };

  return (
    <div data-testid="customer-table">
      <Table<TCustomerSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        tableLayout="auto"
        pagination={false}
        onChange={onChange}
        showSorterTooltip={false}
        onRow={(c) => ({ 'data-testid': `customer-row-${c.id}`, 'data-name': c.name }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
