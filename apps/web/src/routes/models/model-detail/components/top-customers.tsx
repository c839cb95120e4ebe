import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { TModel } from '@anxin/contracts';
import { Empty, Flex, Progress, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useModelScores, type TModelScore } from '../../../../api/models.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useInsightLabels } from '../../../customers/customer-360/components/customer-insight/insight-labels.ts';

const TOP_CHOICES = [20, 50, 100, 200] as const;
/** The reasons shown per customer: the strongest contributions. */
const REASONS_SHOWN = 3;

/** The customers the model scores highest, each with the features that pushed their score most. */
export function TopCustomers({ model }: { model: TModel }) {
  const { t } = useTranslation();
  const format = useFormat();
  const insight = useInsightLabels();
  const [top, setTop] = useState<number>(20);
  const scores = useModelScores(model.id, top, { enabled: model.scoredAt !== null });
  const items = scores.data?.items ?? [];

  const columns: TableColumnsType<TModelScore> = [
    { title: t('models.rank'), key: 'rank', width: 64, align: 'right', render: (_, _row, index) => index + 1 },
    {
      title: t('models.customer'),
      key: 'customer',
      width: 160,
      render: (_, row) => (
        <Link to={`/customers/${row.customer.id}`} data-testid={`model-score-customer-${row.customer.id}`}>
          {row.customer.name}
        </Link>
      ),
    },
    {
      title: t('models.scoreValue'),
      key: 'score',
      width: 180,
      render: (_, row) => (
        <Flex gap={8} align="center">
          <Progress percent={Math.round(row.score * 1000) / 10} showInfo={false} size="small" style={{ width: 90, margin: 0 }} />
          <span className="anxin-mono">{row.score.toFixed(3)}</span>
        </Flex>
      ),
    },
    {
      title: t('models.reasons'),
      key: 'reasons',
      render: (_, row) => (
        <Flex gap={4} wrap>
          {[...row.contributions]
            .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
            .slice(0, REASONS_SHOWN)
            .map((c) => (
              <Tooltip key={c.name} title={`${c.contribution >= 0 ? t('models.raises') : t('models.lowers')} (${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(3)})`}>
                <Tag color={c.contribution >= 0 ? 'blue' : 'orange'} icon={c.contribution >= 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} data-testid="model-score-reason" data-feature={c.name}>
                  {t('models.reasonValue', { field: insight.fieldLabel(c.name), value: insight.fieldValue(c.name, c.value) })}
                </Tag>
              </Tooltip>
            ))}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="model-top-customers">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('models.topCustomersHelp')}
          {model.scoredAt && ` ${t('models.scoredAt')}: ${format.dateTime(model.scoredAt)}`}
        </Typography.Text>
        <Flex gap={8} align="center">
          <Typography.Text>{t('models.showTop')}</Typography.Text>
          <Select<number>
            value={top}
            onChange={setTop}
            options={TOP_CHOICES.map((n) => ({ value: n, label: t('models.topN', { n }) }))}
            style={{ width: 120 }}
            data-testid="model-scores-top"
          />
        </Flex>
      </Flex>
      {model.scoredAt === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('models.notScored')} data-testid="model-not-scored" />
      ) : (
        <>
          {scores.isError && <ProblemAlert error={scores.error} testId="model-scores-error" />}
          <Table<TModelScore>
            rowKey={(row) => row.customer.id}
            size="small"
            columns={columns}
            dataSource={items}
            loading={scores.isFetching}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: t('models.noScores') }}
            onRow={(row) => ({ 'data-testid': `model-score-row-${row.customer.id}`, 'data-score': row.score }) as HTMLAttributes<HTMLElement>}
          />
        </>
      )}
    </Flex>
  );
}
