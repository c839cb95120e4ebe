import { CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { RISK_ALERT_KINDS, RISK_ALERT_STATUSES, type TRiskAlert } from '@anxin/contracts';
import { Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useRiskAlerts, type RiskAlertFilters, type TRiskAlertKind } from '../../../api/risk-alerts.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { RiskAlertDrawer } from './components/risk-alert-drawer.tsx';
import { useRiskAlertLabels } from './components/risk-alert-labels.ts';
import { RiskAlertTable } from './components/risk-alert-table.tsx';

type StatusFilter = RiskAlertFilters['status'];
const isStatus = (value: string | null): value is StatusFilter => value === 'active' || (RISK_ALERT_STATUSES as readonly string[]).includes(value ?? '');
const isKind = (value: string | null): value is TRiskAlertKind => (RISK_ALERT_KINDS as readonly string[]).includes(value ?? '');

/**
 * The risk alerts queue (S7): multi-claim and high loss-ratio customers, filtered by status and kind
 * (and by customer when opened from the 360 view); a drawer to assign, review and close.
 */
export function RiskAlertQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRiskAlertLabels();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const kindParam = params.get('kind');
  const filters: RiskAlertFilters = {
    status: isStatus(statusParam) ? statusParam : 'active',
    kind: isKind(kindParam) ? kindParam : undefined,
    customerId: params.get('customerId') ?? undefined,
  };
  const list = useRiskAlerts(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The opened alert stays open after it leaves the filtered list (e.g. once closed).
  const [opened, setOpened] = useState<TRiskAlert | null>(null);

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <div data-testid="risk-alert-queue-page">
      <PageHeader
        title={t('riskAlerts.title')}
        description={t('riskAlerts.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending} data-testid="risk-alert-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Select<StatusFilter>
            value={filters.status}
            onChange={(value) => setParam('status', value === 'active' ? undefined : value)}
            options={[{ value: 'active' as const, label: t('riskAlerts.statusActive') }, ...RISK_ALERT_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))]}
            style={{ minWidth: 200 }}
            aria-label={t('riskAlerts.status')}
            data-testid="risk-alert-filter-status"
          />
          <Select<TRiskAlertKind | 'all'>
            value={filters.kind ?? 'all'}
            onChange={(value) => setParam('kind', value === 'all' ? undefined : value)}
            options={[{ value: 'all' as const, label: t('riskAlerts.allKinds') }, ...RISK_ALERT_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))]}
            style={{ minWidth: 140 }}
            aria-label={t('riskAlerts.kind')}
            data-testid="risk-alert-filter-kind"
          />
          {filters.customerId && (
            <Tag closeIcon={<CloseOutlined />} onClose={() => setParam('customerId', undefined)} data-testid="risk-alert-filter-customer">
              {t('riskAlerts.customerFilter')}
            </Tag>
          )}
        </Flex>
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} testId="risk-alert-list-error" />}
        <RiskAlertTable items={items} loading={list.isFetching && !list.isFetchingNextPage} onOpen={setOpened} />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="risk-alert-count">
            {t('riskAlerts.loaded', { shown: format.number(items.length) })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="risk-alert-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
      <RiskAlertDrawer alert={opened} onClose={() => setOpened(null)} />
    </div>
  );
}
