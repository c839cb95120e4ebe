import { EditOutlined, EyeOutlined, SaveOutlined } from '@ant-design/icons';
import type { TClusterRun } from '@anxin/contracts';
import { Button, Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarChart } from '../../../../components/bar-chart.tsx';
import { useFormat } from '../../../../format.ts';
import { useSegmentationLabels } from '../../../segmentation/components/segmentation-labels.ts';

type Cluster = TClusterRun['clusters'][number];

// Annual premium first, then the run's features in their order.
const rank = (order: string[], key: string) => (key === 'annual_premium_fen' ? -1 : order.includes(key) ? order.indexOf(key) : order.length);

/** The name a cluster goes by: the analysts' name, else the suggested one in the console's language. */
export function useClusterName() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return {
    suggested: (cluster: Cluster) => (english ? cluster.suggestedName.en : cluster.suggestedName.zh),
    of: (cluster: Cluster) => cluster.name ?? (english ? cluster.suggestedName.en : cluster.suggestedName.zh),
  };
}

/** One cluster: size and share, traits, suggested and given names, and its feature means against the overall means. */
export function ClusterCard({
  run,
  cluster,
  canAct,
  onRename,
  onSave,
}: {
  run: TClusterRun;
  cluster: Cluster;
  canAct: boolean;
  onRename: () => void;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useSegmentationLabels();
  const name = useClusterName();
  const total = run.clusters.reduce((sum, c) => sum + c.size, 0);

  // Overall means are the size-weighted means of the clusters' profiles (the run's feature statistics are
  // on the model's scale, e.g. log premium, not on the profile's).
  const overallOf = (key: string) => (total > 0 ? run.clusters.reduce((sum, c) => sum + (c.profile[key] ?? 0) * c.size, 0) / total : 0);
  const figure = (key: string, value: number) =>
    labels.isMoneyField(key) ? format.fen(Math.round(value)) : key.startsWith('has_') ? format.percent(value) : format.number(Math.round(value * 100) / 100);
  const featureOrder = run.features.map((f) => f.name);
  const keys = Object.keys(cluster.profile).sort((a, b) => rank(featureOrder, a) - rank(featureOrder, b));
  const items = keys.map((key) => {
    const value = cluster.profile[key] ?? 0;
    const overall = overallOf(key);
    const ratio = overall !== 0 ? value / overall : value === 0 ? 1 : 0;
    return {
      key,
      label: (
        <Tooltip title={t('segmentation.clusters.overallMean', { value: figure(key, overall) })}>
          <span>{labels.feature(key)}</span>
        </Tooltip>
      ),
      value: Math.max(0, ratio),
      valueText: (
        <span title={t('segmentation.clusters.relative', { value: figure(key, value), ratio: `${format.number(Math.round(ratio * 100) / 100)}×` })}>{figure(key, value)}</span>
      ),
    };
  });

  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      data-testid={`cluster-card-${cluster.no}`}
      title={
        <Flex vertical gap={0} style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('segmentation.clusters.clusterNo', { no: cluster.no + 1 })}
          </Typography.Text>
          <Typography.Text strong data-testid={`cluster-name-${cluster.no}`}>
            {name.of(cluster)}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Flex vertical align="flex-end">
          <Typography.Text strong data-testid={`cluster-size-${cluster.no}`}>
            {format.number(cluster.size)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.percent(total > 0 ? cluster.size / total : null)}
          </Typography.Text>
        </Flex>
      }
      actions={
        canAct
          ? [
              <Button key="rename" type="link" size="small" icon={<EditOutlined />} onClick={onRename} data-testid={`cluster-rename-${cluster.no}`}>
                {t('segmentation.clusters.rename')}
              </Button>,
              cluster.segmentId ? (
                <Link key="segment" to={`/segments/${cluster.segmentId}`} data-testid={`cluster-segment-${cluster.no}`}>
                  <EyeOutlined /> {t('segmentation.clusters.openSegment')}
                </Link>
              ) : (
                <Button key="save" type="link" size="small" icon={<SaveOutlined />} onClick={onSave} data-testid={`cluster-save-${cluster.no}`}>
                  {t('segmentation.clusters.saveAsSegment')}
                </Button>
              ),
            ]
          : undefined
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('segmentation.clusters.suggestedName')}: {name.suggested(cluster)}
          {cluster.name && (
            <>
              {' · '}
              {t('segmentation.clusters.analystName')}: {cluster.name}
            </>
          )}
        </Typography.Text>
        {cluster.traits.length > 0 && (
          <Flex gap={4} wrap aria-label={t('segmentation.clusters.traits')}>
            {cluster.traits.map((trait) => (
              <Tag key={trait} color="geekblue" style={{ marginInlineEnd: 0 }}>
                {labels.trait(trait)}
              </Tag>
            ))}
          </Flex>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('segmentation.clusters.featureMeans')}
        </Typography.Text>
        <BarChart items={items} marker={1} color="#722ed1" labelWidth="42%" ariaLabel={t('segmentation.clusters.featureMeans')} data-testid={`cluster-profile-${cluster.no}`} />
      </Flex>
    </Card>
  );
}
