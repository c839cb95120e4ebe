import { ExperimentOutlined } from '@ant-design/icons';
import type { TClusterRun } from '@anxin/contracts';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Form, InputNumber, Row, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { clusterJobSettled, useActiveClusterRun, useClusterJob, useClusterRuns, useRunClusters } from '../../../api/clusters.ts';
import { BarChart } from '../../../components/bar-chart.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { ClusterCard } from './components/cluster-card.tsx';
import { ClusterNameModal } from './components/cluster-name-modal.tsx';

type Dialog = { mode: 'rename' | 'segment'; no: number } | null;

/** Clustering of customers by protection needs: run it, read the groups, name them and save them as segments; earlier runs below. */
export function ClusterViewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const analyses = can(me, 'segment:analyse');
  const active = useActiveClusterRun();
  const runs = useClusterRuns();
  const runClusters = useRunClusters();
  // The clustering runs on the server; its job is followed until done (then the runs are read again).
  const job = useClusterJob(runClusters.data?.id);
  const clustering = runClusters.isPending || (Boolean(runClusters.data) && !job.isError && !(job.data && clusterJobSettled(job.data)));
  const [form] = Form.useForm<{ kMin: number; kMax: number }>();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  // The run shown: one picked from the history, else the active one.
  const run: TClusterRun | null | undefined = (selectedId ? runs.data?.find((r) => r.id === selectedId) : undefined) ?? active.data;
  const silhouette = (n: number) => format.number(Math.round(n * 1000) / 1000);
  const dialogCluster = dialog && run ? run.clusters.find((c) => c.no === dialog.no) : undefined;

  const historyColumns: TableColumnsType<TClusterRun> = [
    { title: t('segmentation.clusters.createdAt'), dataIndex: 'createdAt', render: (at: string) => format.dateTime(at) },
    { title: t('segmentation.clusters.k'), dataIndex: 'k', align: 'right' },
    { title: t('segmentation.clusters.silhouette'), dataIndex: 'silhouette', align: 'right', render: silhouette },
    { title: t('segmentation.clusters.sampleSize'), dataIndex: 'sampleSize', align: 'right', render: (n: number) => format.number(n) },
    { title: t('segmentation.clusters.customers'), dataIndex: 'customers', align: 'right', render: (n: number) => format.number(n) },
    { title: '', dataIndex: 'active', render: (isActive: boolean) => isActive && <Tag color="green">{t('segmentation.clusters.active')}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button size="small" type={run?.id === r.id ? 'primary' : 'default'} onClick={() => setSelectedId(r.id)} data-testid={`cluster-run-view-${r.id}`}>
          {t('segmentation.segments.open')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="cluster-view-page">
      <PageHeader title={t('segmentation.clusters.title')} description={t('segmentation.clusters.description')} />
      <Flex vertical gap={16}>
        {analyses && (
          <Card size="small">
            <Form
              form={form}
              layout="inline"
              initialValues={{ kMin: 2, kMax: 8 }}
              onFinish={(values) =>
                runClusters.mutate(values, {
                  onSuccess: () => setSelectedId(null),
                })
              }
              style={{ rowGap: 8 }}
            >
              <Form.Item name="kMin" label={t('segmentation.clusters.kMin')}>
                <InputNumber min={2} max={12} precision={0} data-testid="cluster-kmin" />
              </Form.Item>
              <Form.Item
                name="kMax"
                label={t('segmentation.clusters.kMax')}
                dependencies={['kMin']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_, kMax: number) => {
                      if (kMax < (getFieldValue('kMin') as number)) throw new Error(t('segmentation.clusters.kRange'));
                    },
                  }),
                ]}
              >
                <InputNumber min={2} max={12} precision={0} data-testid="cluster-kmax" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={clustering} data-testid="cluster-run">
                  {t('segmentation.clusters.run')}
                </Button>
              </Form.Item>
            </Form>
            {runClusters.isError && <ProblemAlert error={runClusters.error} style={{ marginTop: 12 }} testId="cluster-run-error" />}
            {job.isError && <ProblemAlert error={job.error} style={{ marginTop: 12 }} />}
            {clustering && runClusters.data && (
              <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('segmentation.clusters.running', { time: format.dateTime(runClusters.data.requestedAt) })} data-testid="cluster-run-running" />
            )}
            {job.data && job.data.status !== 'done' && clusterJobSettled(job.data) && (
              <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('segmentation.clusters.runFailed')} description={job.data.error} data-testid="cluster-job-error" />
            )}
            {job.data?.status === 'done' && job.data.result && (
              <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('segmentation.clusters.runDone', { k: job.data.result.k })} data-testid="cluster-run-done" />
            )}
          </Card>
        )}
        {active.isError && <ProblemAlert error={active.error} testId="cluster-active-error" />}
        {active.isPending && <PageLoading />}
        {!active.isPending && !run && !active.isError && (
          <Card>
            <Empty description={t('segmentation.clusters.none')} data-testid="cluster-none" />
          </Card>
        )}
        {run && (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card size="small" style={{ height: '100%' }} data-testid="cluster-run-summary">
                  <Descriptions
                    size="small"
                    column={{ xs: 1, sm: 2 }}
                    items={[
                      { key: 'createdAt', label: t('segmentation.clusters.createdAt'), children: format.dateTime(run.createdAt) },
                      { key: 'k', label: t('segmentation.clusters.chosenK'), children: <span data-testid="cluster-k">{run.k}</span> },
                      { key: 'silhouette', label: t('segmentation.clusters.silhouette'), children: silhouette(run.silhouette) },
                      { key: 'sampleSize', label: t('segmentation.clusters.sampleSize'), children: format.number(run.sampleSize) },
                      { key: 'customers', label: t('segmentation.clusters.customers'), children: format.number(run.customers) },
                      { key: 'active', label: t('segmentation.clusters.active'), children: run.active ? t('common.yes') : t('common.no') },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('segmentation.clusters.silhouetteByK')} style={{ height: '100%' }}>
                  <BarChart
                    items={[...run.candidates]
                      .sort((a, b) => a.k - b.k)
                      .map((c) => ({ key: String(c.k), label: `k = ${c.k}`, value: Math.max(0, c.silhouette), valueText: silhouette(c.silhouette), color: c.k === run.k ? '#52c41a' : undefined }))}
                    max={1}
                    labelWidth={64}
                    ariaLabel={t('segmentation.clusters.silhouetteByK')}
                    data-testid="cluster-silhouette-chart"
                  />
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]} data-testid="cluster-cards">
              {run.clusters.map((cluster) => (
                <Col key={cluster.no} xs={24} md={12} xl={8}>
                  <ClusterCard
                    run={run}
                    cluster={cluster}
                    canAct={analyses}
                    onRename={() => setDialog({ mode: 'rename', no: cluster.no })}
                    onSave={() => setDialog({ mode: 'segment', no: cluster.no })}
                  />
                </Col>
              ))}
            </Row>
          </>
        )}
        <Card title={t('segmentation.clusters.history')} size="small">
          {runs.isError && <ProblemAlert error={runs.error} style={{ marginBottom: 12 }} testId="cluster-runs-error" />}
          <div data-testid="cluster-runs-table">
            <Table<TClusterRun>
              rowKey="id"
              size="small"
              columns={historyColumns}
              dataSource={runs.data ?? []}
              loading={runs.isPending}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 700 }}
              locale={{ emptyText: t('segmentation.clusters.none') }}
              onRow={(r) => ({ 'data-testid': `cluster-run-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
            />
          </div>
        </Card>
      </Flex>
      {dialog && run && dialogCluster && <ClusterNameModal mode={dialog.mode} run={run} cluster={dialogCluster} onClose={() => setDialog(null)} />}
    </div>
  );
}
