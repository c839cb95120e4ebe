import type { TClaimDocumentItem, TCoverage } from '@anxin/contracts';
import { Badge, Descriptions, Drawer, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProduct } from '../../../../api/products.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

/** One product: terms, coverages with limits, and the claim-document checklist. */
export function ProductDetailDrawer({ productId, onClose }: { productId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={productId !== null} onClose={onClose} size={720} destroyOnHidden title={t('products.detailTitle')} data-testid="product-detail">
      {productId && <ProductDetail productId={productId} />}
    </Drawer>
  );
}

function ProductDetail({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const product = useProduct(productId);
  if (product.isPending) return <Skeleton active />;
  if (product.isError) return <ProblemAlert error={product.error} />;
  const p = product.data;
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {p.name} <Typography.Text type="secondary" className="anxin-mono">{p.code}</Typography.Text>
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'line', label: t('products.line'), children: labels.productLine(p.line) },
          { key: 'risk', label: t('products.riskLevel'), children: <Tag>{p.riskLevel}</Tag> },
          { key: 'waiting', label: t('products.waitingDays'), children: t('products.days', { count: p.waitingDays }) },
          { key: 'cooling', label: t('products.coolingOffDays'), children: t('products.days', { count: p.coolingOffDays }) },
          {
            key: 'status',
            label: t('products.status'),
            children: <Badge status={p.active ? 'success' : 'default'} text={p.active ? t('products.active') : t('products.inactive')} />,
          },
          { key: 'updated', label: t('customers.updatedAt'), children: format.dateTime(p.updatedAt) },
          { key: 'description', label: t('products.descriptionField'), span: 2, children: p.description ?? t('common.none') },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('products.coverages')}
      </Typography.Title>
      <Table<TCoverage>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={p.coverages}
        columns={[
          { title: t('products.coverageCode'), dataIndex: 'code', render: (v: string) => <span className="anxin-mono">{v}</span> },
          { title: t('products.coverageName'), dataIndex: 'name' },
          { title: t('products.sumInsuredLimit'), dataIndex: 'sumInsuredLimitFen', align: 'right', render: (v: number | null) => (v === null ? t('products.noLimit') : format.fen(v)) },
          { title: t('products.deductible'), dataIndex: 'deductibleFen', align: 'right', render: (v: number) => format.fen(v) },
          { title: t('products.reimbursement'), dataIndex: 'reimbursementPct', align: 'right', render: (v: number) => `${format.number(v)}%` },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('products.claimDocuments')}
      </Typography.Title>
      <Table<TClaimDocumentItem>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={p.claimDocuments}
        locale={{ emptyText: t('products.noClaimDocuments') }}
        columns={[
          { title: t('products.coverageCode'), dataIndex: 'code', render: (v: string) => <span className="anxin-mono">{v}</span> },
          { title: t('products.documentName'), dataIndex: 'name' },
          { title: t('customerAttributes.required'), dataIndex: 'required', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
        ]}
      />
    </>
  );
}
