import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { PRODUCT_LINES, type TProduct, type TProductLine } from '@anxin/contracts';
import { Badge, Button, Card, Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useProducts, type ProductListFilters } from '../../../api/products.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';
import { ProductDetailDrawer } from './components/product-detail-drawer.tsx';
import { ProductFormModal } from './components/product-form-modal.tsx';

type FormState = { mode: 'create' } | { mode: 'edit'; product: TProduct } | null;

const isLine = (value: string | null): value is TProductLine => value !== null && (PRODUCT_LINES as readonly string[]).includes(value);

/** The product catalogue: lines, risk levels, coverages; product managers create and change products. */
export function ProductListPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const [searchParams, setSearchParams] = useSearchParams();
  const line = searchParams.get('line');
  const activeParam = searchParams.get('active');
  const filters: ProductListFilters = {
    line: isLine(line) ? line : undefined,
    active: activeParam === 'true' || activeParam === 'false' ? activeParam : undefined,
    q: searchParams.get('q') || undefined,
  };
  const products = useProducts(filters);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const manages = can(me, 'product:manage');

  const setFilter = (key: keyof ProductListFilters, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };

  const columns: TableColumnsType<TProduct> = [
    {
      title: t('products.code'),
      dataIndex: 'code',
      render: (code: string, p) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setDetailId(p.id)} data-testid={`product-open-${p.code}`}>
          <span className="anxin-mono">{code}</span>
        </Button>
      ),
    },
    { title: t('products.name'), dataIndex: 'name' },
    { title: t('products.line'), dataIndex: 'line', render: (l: TProductLine) => labels.productLine(l) },
    { title: t('products.riskLevel'), dataIndex: 'riskLevel', render: (r: string) => <Tag>{r}</Tag> },
    { title: t('products.coverages'), dataIndex: 'coverages', render: (_, p) => p.coverages.length },
    { title: t('products.waitingDays'), dataIndex: 'waitingDays', render: (d: number) => t('products.days', { count: d }) },
    { title: t('products.coolingOffDays'), dataIndex: 'coolingOffDays', render: (d: number) => t('products.days', { count: d }) },
    {
      title: t('products.status'),
      dataIndex: 'active',
      render: (active: boolean) => <Badge status={active ? 'success' : 'default'} text={active ? t('products.active') : t('products.inactive')} />,
    },
  ];
  if (manages) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      render: (_, p) => <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setForm({ mode: 'edit', product: p })} data-testid={`product-edit-${p.code}`} />,
    });
  }

  return (
    <div data-testid="product-list-page">
      <PageHeader
        title={t('products.title')}
        description={t('products.description')}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })} data-testid="product-create">
              {t('products.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('products.searchPlaceholder')}
            defaultValue={filters.q}
            onSearch={(value) => setFilter('q', value.trim() || undefined)}
            style={{ width: 280 }}
            data-testid="product-search"
          />
          <Select
            allowClear
            placeholder={t('products.line')}
            value={filters.line}
            onChange={(v) => setFilter('line', v ?? undefined)}
            options={PRODUCT_LINES.map((l) => ({ value: l, label: labels.productLine(l) }))}
            style={{ minWidth: 160 }}
            data-testid="product-filter-line"
          />
          <Select
            allowClear
            placeholder={t('products.status')}
            value={filters.active}
            onChange={(v) => setFilter('active', v ?? undefined)}
            options={[
              { value: 'true', label: t('products.active') },
              { value: 'false', label: t('products.inactive') },
            ]}
            style={{ minWidth: 120 }}
            data-testid="product-filter-active"
          />
        </Flex>
        {products.isError && <ProblemAlert error={products.error} style={{ marginBottom: 16 }} />}
        <Table<TProduct>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={products.data ?? []}
          loading={products.isFetching}
          pagination={false}
          onRow={(p) => ({ 'data-testid': `product-row-${p.code}` }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
      <ProductDetailDrawer productId={detailId} onClose={() => setDetailId(null)} />
      {form && <ProductFormModal product={form.mode === 'edit' ? form.product : undefined} onClose={() => setForm(null)} />}
    </div>
  );
}
