import { ReloadOutlined } from '@ant-design/icons';
import { PRODUCT_LINES, type TUnderwritingQueueItem } from '@anxin/contracts';
import { Button, Card, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUnderwritingQueue, type UnderwritingQueueFilters } from '../../../api/underwriting.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { usePolicyColumns } from '../../policies/components/policy-columns.tsx';

/** The underwriter's queue: applications (pending policies) in scope, the longest waiting first. */
export function UnderwritingQueuePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const referral = searchParams.get('blacklistReferral');
  const filters: UnderwritingQueueFilters = {
    line: (PRODUCT_LINES as readonly string[]).includes(searchParams.get('line') ?? '') ? (searchParams.get('line') as UnderwritingQueueFilters['line']) : undefined,
    blacklistReferral: referral === 'true' || referral === 'false' ? referral : undefined,
  };
  const queue = useUnderwritingQueue(filters);
  const columns = usePolicyColumns<TUnderwritingQueueItem>();
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: Partial<UnderwritingQueueFilters>) => {
    const next = { ...filters, ...patch };
    setSearchParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as Record<string, string>, { replace: true });
  };

  const tableColumns: TableColumnsType<TUnderwritingQueueItem> = [
    columns.policyNo('underwriting-open-'),
    columns.product,
    columns.policyholder,
    columns.sumInsured,
    columns.premium,
    {
      title: t('underwriting.appliedAt'),
      key: 'applied',
      render: (_, p) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(p.appliedAt)}</span>
          <Typography.Text type={p.waitingDays >= 3 ? 'warning' : 'secondary'} style={{ fontSize: 12 }} data-testid={`underwriting-waiting-${p.id}`}>
            {t('underwriting.waitingDays', { count: p.waitingDays })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('underwriting.referral'),
      key: 'referral',
      render: (_, p) => (p.blacklistReferral ? <Tag color="red">{t('underwriting.blacklistReferral')}</Tag> : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
    { title: t('policies.agent'), key: 'agent', render: (_, p) => p.agent.name },
    { title: t('policies.orgUnit'), key: 'orgUnit', render: (_, p) => p.orgUnit.name },
  ];

  return (
    <div data-testid="underwriting-queue-page">
      <PageHeader
        title={t('underwriting.title')}
        description={t('underwriting.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void queue.refetch()} loading={queue.isFetching && !queue.isPending}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('products.line')}
            value={filters.line}
            onChange={(line) => set({ line: line ?? undefined })}
            options={PRODUCT_LINES.map((l) => ({ value: l, label: labels.productLine(l) }))}
            style={{ minWidth: 140 }}
            data-testid="underwriting-filter-line"
          />
          <Select
            allowClear
            placeholder={t('underwriting.referral')}
            value={filters.blacklistReferral}
            onChange={(value) => set({ blacklistReferral: value ?? undefined })}
            options={[
              { value: 'true', label: t('underwriting.blacklistReferral') },
              { value: 'false', label: t('underwriting.noReferral') },
            ]}
            style={{ minWidth: 160 }}
            data-testid="underwriting-filter-referral"
          />
        </Flex>
        {queue.isError && <ProblemAlert error={queue.error} style={{ marginBottom: 16 }} />}
        <div data-testid="underwriting-table">
          <Table<TUnderwritingQueueItem>
            rowKey="id"
            size="middle"
            columns={tableColumns}
            dataSource={items}
            loading={queue.isFetching && !queue.isFetchingNextPage}
            pagination={false}
            tableLayout="auto"
            locale={{ emptyText: t('underwriting.empty') }}
            onRow={(p) => ({ 'data-testid': `underwriting-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
          />
        </div>
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('policies.loaded', { shown: format.number(items.length) })}</Typography.Text>
          {queue.hasNextPage && (
            <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage} data-testid="underwriting-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </div>
  );
}
