import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { CLAIM_SORTS, CLAIM_STATUSES } from '@anxin/contracts';
import { Button, Card, Checkbox, Flex, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PRIORITY_QUEUE_LIMIT, useClaims, type ClaimListFilters } from '../../../api/claims.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';
import { filtersFromSearch, searchFromFilters } from './claim-queue-params.ts';
import { ClaimQueueTable } from './components/claim-queue-table.tsx';

const SORT_LABELS = { priority: 'claims.queue.sortPriority', '-reportedAt': 'claims.queue.sortNewest', reportedAt: 'claims.queue.sortOldest' } as const;

/** The claims work queue: open claims by priority (green channel, then the nearest deadline), with filters and "load more". */
export function ClaimQueuePage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const list = useClaims(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (patch: Partial<ClaimListFilters>) => setSearchParams(searchFromFilters({ ...filters, ...patch }), { replace: true });

  return (
    <div data-testid="claim-queue-page">
      <PageHeader
        title={t('claims.queue.title')}
        description={t('claims.queue.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending}>
              {t('common.refresh')}
            </Button>
            {can(me, 'claim:report') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/claims/new')} data-testid="claim-report">
                {t('claims.intake.title')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('claims.queue.searchPlaceholder')}
            defaultValue={filters.q}
            onSearch={(value) => set({ q: value.trim() || undefined })}
            style={{ width: 280 }}
            data-testid="claim-search"
          />
          <Select
            allowClear
            placeholder={t('claims.status')}
            value={filters.status}
            onChange={(status) => set({ status: status ?? undefined })}
            options={CLAIM_STATUSES.map((s) => ({ value: s, label: labels.claimStatus(s) }))}
            style={{ minWidth: 130 }}
            data-testid="claim-filter-status"
          />
          <Select
            value={filters.sort}
            onChange={(sort) => set({ sort })}
            options={CLAIM_SORTS.map((s) => ({ value: s, label: t(SORT_LABELS[s]) }))}
            style={{ minWidth: 150 }}
            data-testid="claim-sort"
          />
          <Checkbox checked={filters.assigneeId === 'me'} onChange={(e) => set({ assigneeId: e.target.checked ? 'me' : undefined })} data-testid="claim-filter-mine">
            {t('claims.queue.myQueue')}
          </Checkbox>
          <Checkbox checked={filters.assigneeId === 'none'} onChange={(e) => set({ assigneeId: e.target.checked ? 'none' : undefined })} data-testid="claim-filter-unassigned">
            {t('claims.queue.unassignedOnly')}
          </Checkbox>
          <Checkbox checked={filters.open === 'true'} onChange={(e) => set({ open: e.target.checked ? 'true' : undefined })} data-testid="claim-filter-open">
            {t('claims.queue.openOnly')}
          </Checkbox>
        </Flex>
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} testId="claim-queue-error" />}
        <ClaimQueueTable items={items} loading={list.isFetching && !list.isFetchingNextPage} />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">
            {filters.sort === 'priority' && items.length >= PRIORITY_QUEUE_LIMIT
              ? t('claims.queue.priorityCapped', { shown: format.number(items.length) })
              : t('claims.queue.loaded', { shown: format.number(items.length) })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="claim-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </div>
  );
}
