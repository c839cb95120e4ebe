import type { TImportRowError } from '@anxin/contracts';
import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportErrors } from '../../../../api/imports.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { useImportFieldLabel } from '../import-labels.ts';

/** Every rejected row of the import: row number, column, the (masked) value and the reason, 100 at a time. */
export function ImportErrorTable({ jobId, version }: { jobId: string; version: string }) {
  const { t } = useTranslation();
  const fieldLabel = useImportFieldLabel();
  const labels = useLabels();
  const errors = useImportErrors(jobId);
  const items = errors.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<TImportRowError & { index: number }> = [
    { title: t('imports.errorRow'), dataIndex: 'rowNumber', width: 80, render: (row: number) => <span data-testid="import-error-row-number">{row}</span> },
    {
      title: t('imports.errorColumn'),
      dataIndex: 'column',
      width: 180,
      render: (_, e) =>
        e.column ? (
          <Flex vertical>
            <span data-testid="import-error-column">{e.column}</span>
            {e.field && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fieldLabel(e.field)}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary" data-testid="import-error-column">
            {t('imports.wholeRow')}
          </Typography.Text>
        ),
    },
    { title: t('imports.errorValue'), dataIndex: 'value', width: 200, render: (v: string | null) => (v === null || v === '' ? t('common.none') : <span className="anxin-mono">{v}</span>) },
    {
      title: t('imports.errorReason'),
      dataIndex: 'message',
      render: (_, e) => (
        <span data-testid="import-error-reason" data-code={e.code} title={e.code}>
          {labels.fieldProblem(e)}
        </span>
      ),
    },
  ];

  return (
    <div data-testid="import-errors" data-version={version}>
      {errors.isError && <ProblemAlert error={errors.error} style={{ marginBottom: 8 }} />}
      <Table
        rowKey="index"
        size="small"
        columns={columns}
        loading={errors.isFetching}
        dataSource={items.map((e, index) => ({ ...e, index }))}
        pagination={false}
        scroll={{ y: 420 }}
        onRow={(e) => ({ 'data-testid': `import-error-${e.index}` }) as HTMLAttributes<HTMLElement>}
      />
      {errors.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={() => void errors.fetchNextPage()} loading={errors.isFetchingNextPage} data-testid="import-errors-more">
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
