import { QuestionCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { LIFECYCLE_SEGMENTS, RFM_SEGMENTS, TAG_DIMENSIONS, TIERS, type TSegmentationOverview, type TSegmentationRun } from '@anxin/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Tooltip, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isRunActive, useRunSegmentation, useSegmentationOverview, useSegmentationRuns } from '../../../api/segmentation.ts';
import { BarChart, type BarChartItem } from '../../../components/bar-chart.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useWhenFinished } from '../../../components/use-when-finished.ts';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { useSegmentationLabels } from '../components/segmentation-labels.ts';
import { QuadrantGrid } from './components/quadrant-grid.tsx';
import { RunCard } from './components/run-card.tsx';

const TIER_COLORS: Record<string, string> = { platinum: '#597ef7', gold: '#faad14', silver: '#8c8c8c', standard: '#bfbfbf' };
const DIMENSION_COLORS = { risk: '#ff4d4f', value: '#faad14', need: '#1677ff' } as const;

/** Counts in a fixed order (every known key, zero when absent), then any keys the server added later. */
function ordered(counts: TSegmentationOverview['rfm'], order: readonly string[], label: (key: string) => string, color?: (key: string) => string | undefined): BarChartItem[] {
  const byKey = new Map(counts.map((c) => [c.key, c.customers]));
  const keys = [...order, ...counts.map((c) => c.key).filter((k) => !order.includes(k))];
  return keys.map((key) => ({ key, label: label(key), value: byKey.get(key) ?? 0, color: color?.(key) }));
}

/** Where the customers stand: RFM, lifecycle, quadrants, tiers and tags, with the 80/20 check; managers recompute it here. */
export function SegmentationOverviewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useSegmentationLabels();
  const me = useCurrentUser();
  const overview = useSegmentationOverview();
  const run = useRunSegmentation();
  const runs = useSegmentationRuns();
  const latest = runs.data?.[0];
  const manages = can(me, 'segment:manage');
  useRefreshWhenRunFinishes(latest);
  const count = (n: number) => format.number(n);

  const data = overview.data;
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segmentation.overview.noData')} />;

  return (
    <div data-testid="segmentation-overview-page">
      <PageHeader
        title={t('segmentation.overview.title')}
        description={t('segmentation.overview.description')}
        extra={
          manages && (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={run.isPending || latest?.status === 'running'} onClick={() => run.mutate()} data-testid="segmentation-run">
              {t('segmentation.overview.run')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        {run.isError && <ProblemAlert error={run.error} testId="segmentation-run-error" />}
        {latest && <RunCard run={latest} />}
        {overview.isError && <ProblemAlert error={overview.error} testId="segmentation-overview-error" />}
        {overview.isPending && <PageLoading />}
        {data && (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={8}>
                <Card size="small">
                  <Statistic title={t('segmentation.overview.customers')} value={format.number(data.customers)} data-testid="segmentation-kpi-customers" />
                </Card>
              </Col>
              <Col xs={24} sm={8}>
                <Card size="small">
                  <Statistic
                    title={t('segmentation.overview.computedAt')}
                    value={data.computedAt ? format.dateTime(data.computedAt) : t('segmentation.overview.neverComputed')}
                    styles={{ content: { fontSize: 18 } }}
                    data-testid="segmentation-kpi-computed-at"
                  />
                </Card>
              </Col>
              <Col xs={24} sm={8}>
                <Card size="small">
                  <Statistic
                    title={
                      <Flex gap={4} align="center">
                        {t('segmentation.overview.top20Share')}
                        <Tooltip title={t('segmentation.overview.top20ShareHelp')}>
                          <QuestionCircleOutlined aria-label={t('segmentation.overview.top20ShareHelp')} />
                        </Tooltip>
                      </Flex>
                    }
                    value={format.percent(data.top20PremiumSharePct === null ? null : data.top20PremiumSharePct / 100)}
                    data-testid="segmentation-kpi-top20"
                  />
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card title={t('segmentation.overview.rfmTitle')} size="small" style={{ height: '100%' }}>
                  {data.rfm.length === 0 ? empty : <BarChart items={ordered(data.rfm, RFM_SEGMENTS, labels.rfm)} format={count} ariaLabel={t('segmentation.overview.rfmTitle')} data-testid="segmentation-rfm-chart" />}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('segmentation.overview.lifecycleTitle')} size="small" style={{ height: '100%' }}>
                  {data.lifecycle.length === 0 ? (
                    empty
                  ) : (
                    <BarChart
                      items={ordered(data.lifecycle, LIFECYCLE_SEGMENTS, (key) => labels.lifecycle(key)).map((item) => ({
                        ...item,
                        label: (
                          <Tooltip title={labels.lifecycleStrategy(item.key)}>
                            <span>{item.label}</span>
                          </Tooltip>
                        ),
                      }))}
                      format={count}
                      ariaLabel={t('segmentation.overview.lifecycleTitle')}
                      color="#13c2c2"
                      data-testid="segmentation-lifecycle-chart"
                    />
                  )}
                  {data.lifecycle.length > 0 && (
                    <Flex vertical gap={2} style={{ marginTop: 12 }}>
                      {LIFECYCLE_SEGMENTS.map((key) => (
                        <Typography.Text key={key} type="secondary" style={{ fontSize: 12 }}>
                          <Typography.Text strong style={{ fontSize: 12 }}>
                            {labels.lifecycle(key)}
                          </Typography.Text>{' '}
                          · {labels.lifecycleStrategy(key)}
                        </Typography.Text>
                      ))}
                    </Flex>
                  )}
                </Card>
              </Col>
            </Row>
            <Card title={t('segmentation.overview.quadrantTitle')} size="small">
              {data.quadrants.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segmentation.overview.noQuadrantData')} /> : <QuadrantGrid counts={data.quadrants} />}
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={8}>
                <Card title={t('segmentation.overview.tierTitle')} size="small" style={{ height: '100%' }}>
                  {data.tiers.length === 0 ? (
                    empty
                  ) : (
                    <BarChart items={ordered(data.tiers, TIERS, labels.tier, (key) => TIER_COLORS[key])} format={count} ariaLabel={t('segmentation.overview.tierTitle')} data-testid="segmentation-tier-chart" />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={16}>
                <Card title={t('segmentation.overview.tagsTitle')} size="small" style={{ height: '100%' }}>
                  {data.tags.length === 0 ? (
                    empty
                  ) : (
                    <Row gutter={[16, 16]}>
                      {TAG_DIMENSIONS.map((dimension) => (
                        <Col key={dimension} xs={24} md={8}>
                          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                            {labels.dimension(dimension)}
                          </Typography.Text>
                          <BarChart
                            items={data.tags
                              .filter((c) => c.dimension === dimension)
                              .sort((a, b) => b.customers - a.customers)
                              .map((c) => ({ key: c.key, label: labels.tag(c.key), value: c.customers }))}
                            format={count}
                            color={DIMENSION_COLORS[dimension]}
                            labelWidth="45%"
                            ariaLabel={labels.dimension(dimension)}
                            empty={<Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
                            data-testid={`segmentation-tags-${dimension}`}
                          />
                        </Col>
                      ))}
                    </Row>
                  )}
                </Card>
              </Col>
            </Row>
          </>
        )}
      </Flex>
    </div>
  );
}

/** Once a run this page saw queued or running has finished, everything computed from it (the overview, lists, tags) is read again. */
function useRefreshWhenRunFinishes(latest: TSegmentationRun | undefined) {
  const client = useQueryClient();
  const refresh = useCallback(() => void client.invalidateQueries(), [client]);
  useWhenFinished(latest, isRunActive, refresh);
}
