import type { TImportStatus } from '@anxin/contracts';
import { Badge, Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useImports } from '../../../../api/imports.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';

const STATUS_BADGE: Record<TImportStatus, 'default' | 'processing' | 'success' | 'error' | 'warning'> = {
  uploaded: 'default',
  validating: 'processing',
  validated: 'warning',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** Past imports of the user's scope, newest first, with "load more". */
export function ImportHistoryCard({ selectedId, onOpen }: { selectedId: string | undefined; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const imports = useImports();
  const items = imports.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card title={t('imports.historyTitle')} data-testid="import-history" size="small">
      {imports.isError && <ProblemAlert error={imports.error} />}
      {!imports.isPending && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.noImports')} />}
      {imports.isPending && <Skeleton active />}
      <Flex vertical>
        {items.map((job) => (
          <button
            type="button"
            key={job.id}
            onClick={() => onOpen(job.id)}
            className="anxin-list-item"
            aria-current={job.id === selectedId}
            data-testid={`import-history-${job.id}`}
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text ellipsis strong>
                {job.fileName}
              </Typography.Text>
              <Badge status={STATUS_BADGE[job.status]} text={t(`imports.statuses.${job.status}`)} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t(`imports.kinds.${job.kind}`)} · {t('imports.historyCounts', { total: format.number(job.rowsTotal), invalid: format.number(job.rowsInvalid) })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {job.createdByName} · {format.dateTime(job.createdAt)}
            </Typography.Text>
          </button>
        ))}
      </Flex>
      {imports.hasNextPage && (
        <Button block onClick={() => void imports.fetchNextPage()} loading={imports.isFetchingNextPage} style={{ marginTop: 8 }}>
          {t('common.loadMore')}
        </Button>
      )}
    </Card>
  );
}
