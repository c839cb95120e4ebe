import { CheckCircleFilled, ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TModel } from '@anxin/contracts';
import { Button, Card, Empty, Flex, Skeleton, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useModels } from '../../../api/models.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { TrainModelModal } from './components/train-model-modal.tsx';

interface ModelGroup {
  name: string;
  versions: TModel[];
  active?: TModel;
}

/** Versions grouped by model name, names in alphabetical order, newest version first. */
function groupByName(models: readonly TModel[]): ModelGroup[] {
  const byName = new Map<string, TModel[]>();
  for (const model of models) byName.set(model.name, [...(byName.get(model.name) ?? []), model]);
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, versions]) => {
      const sorted = [...versions].sort((a, b) => b.version - a.version);
      return { name, versions: sorted, active: sorted.find((m) => m.active) };
    });
}

/** The models page: every model name with its versions (the active one marked) and the train form. */
export function ModelListPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const models = useModels();
  const [training, setTraining] = useState<{ name?: string } | null>(null);
  const canAnalyse = can(me, 'segment:analyse');
  const groups = groupByName(models.data?.items ?? []);

  return (
    <div data-testid="model-list-page">
      <PageHeader
        title={t('models.title')}
        description={t('models.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void models.refetch()} loading={models.isFetching && !models.isPending} data-testid="model-refresh">
              {t('common.refresh')}
            </Button>
            {canAnalyse && (
              <Button type="primary" icon={<ExperimentOutlined />} onClick={() => setTraining({})} data-testid="model-train">
                {t('models.train')}
              </Button>
            )}
          </>
        }
      />
      {models.isError && <ProblemAlert error={models.error} testId="model-list-error" style={{ marginBottom: 16 }} />}
      {models.isPending && <Skeleton active />}
      {models.isSuccess && groups.length === 0 && (
        <Card>
          <Empty description={t('models.empty')} data-testid="model-list-empty" />
        </Card>
      )}
      <Flex vertical gap={16}>
        {groups.map((group) => (
          <ModelGroupCard key={group.name} group={group} canAnalyse={canAnalyse} onTrain={() => setTraining({ name: group.name })} />
        ))}
      </Flex>
      {training && <TrainModelModal names={groups.map((g) => g.name)} initialName={training.name} onClose={() => setTraining(null)} />}
    </div>
  );
}

function ModelGroupCard({ group, canAnalyse, onTrain }: { group: ModelGroup; canAnalyse: boolean; onTrain: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: TableColumnsType<TModel> = [
    {
      title: t('models.version'),
      key: 'version',
      width: 150,
      render: (_, model) => (
        <Flex gap={6} align="center">
          <Link to={`/models/${model.id}`} data-testid={`model-version-${model.id}`}>
            {t('models.versionOf', { version: model.version })}
          </Link>
          {model.active && (
            <Tag color="green" icon={<CheckCircleFilled />} data-testid={`model-active-${model.id}`}>
              {t('models.active')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('models.target'),
      key: 'target',
      render: (_, model) => (
        <Flex vertical gap={2}>
          <Typography.Text code>{model.target}</Typography.Text>
          {model.where && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('models.population')}: <Typography.Text code>{model.where}</Typography.Text>
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: (
        <Tooltip title={t('models.aucHelp')}>
          <span>{t('models.auc')}</span>
        </Tooltip>
      ),
      key: 'auc',
      width: 90,
      align: 'right',
      render: (_, model) => <span className="anxin-mono">{model.metrics.auc.toFixed(3)}</span>,
    },
    {
      title: (
        <Tooltip title={t('models.liftHelp')}>
          <span>{t('models.liftTop10')}</span>
        </Tooltip>
      ),
      key: 'lift',
      width: 130,
      align: 'right',
      render: (_, model) => t('models.liftValue', { value: model.metrics.lift.top10.toFixed(2) }),
    },
    { title: t('models.trainedAt'), key: 'trainedAt', width: 190, render: (_, model) => `${format.dateTime(model.trainedAt)} · ${model.trainedBy}` },
    {
      title: t('models.scoredAt'),
      key: 'scoredAt',
      width: 170,
      render: (_, model) => (model.scoredAt ? format.dateTime(model.scoredAt) : <Typography.Text type="secondary">{t('models.notScoredYet')}</Typography.Text>),
    },
  ];
  return (
    <Card
      size="small"
      data-testid={`model-group-${group.name}`}
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong className="anxin-mono">
            {group.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('models.versions', { count: group.versions.length })} ·{' '}
            {group.active ? t('models.activeVersion', { version: group.active.version }) : t('models.noActive')}
          </Typography.Text>
        </Flex>
      }
      extra={
        canAnalyse && (
          <Button size="small" icon={<ExperimentOutlined />} onClick={onTrain} data-testid={`model-retrain-${group.name}`}>
            {t('models.train')}
          </Button>
        )
      }
    >
      <Table<TModel>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={group.versions}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(model) => ({ 'data-testid': `model-row-${model.id}`, 'data-active': String(model.active) }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
