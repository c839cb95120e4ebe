import type { TCondition, TSegmentationField } from '@anxin/contracts';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSegmentationFields } from '../../../api/segmentation.ts';
import { useFormat } from '../../../format.ts';
import { useSegmentationLabels } from './segmentation-labels.ts';

/** One condition in words, e.g. `年保费 大于等于 ¥20,000.00`. */
export function useConditionText() {
  const { t } = useTranslation();
  const labels = useSegmentationLabels();
  const format = useFormat();
  const fields = useSegmentationFields();
  const byName = new Map((fields.data ?? []).map((f) => [f.field, f]));
  return (condition: TCondition): string => {
    const field: TSegmentationField | undefined = byName.get(condition.field);
    const isMoney = field ? field.type === 'money' : labels.isMoneyField(condition.field);
    const one = (v: string | number | boolean) => {
      if (typeof v === 'number') {
        if (isMoney) return format.fen(v);
        // Clusters are numbered from 0 in the data and shown from 1 (第 1 组), as on the cluster cards.
        if (condition.field === 'cluster_no') return t('segmentation.clusters.clusterNo', { no: v + 1 });
        return field?.type === 'percent' ? `${format.number(v)}%` : format.number(v);
      }
      return labels.value(condition.field, v);
    };
    const value = Array.isArray(condition.value)
      ? condition.op === 'between'
        ? condition.value.map(one).join(' – ')
        : condition.value.map(one).join(' / ')
      : one(condition.value);
    if (condition.field === 'tag') return `${labels.op(condition.op)} ${value}`;
    return `${labels.field(condition.field, field)} ${labels.op(condition.op)} ${value}`;
  };
}

/** Conditions as tags joined by "and"; `all` when there are none. */
export function ConditionList({ conditions, testId }: { conditions: readonly TCondition[]; testId?: string }) {
  const { t } = useTranslation();
  const text = useConditionText();
  if (conditions.length === 0) return <Typography.Text type="secondary">{t('segmentation.segments.allCustomers')}</Typography.Text>;
  return (
    <Flex gap={4} wrap align="center" data-testid={testId}>
      {conditions.map((c, i) => (
        <Flex key={`${c.field}-${i}`} gap={4} align="center">
          {i > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('segmentation.builder.and')}
            </Typography.Text>
          )}
          <Tag style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>{text(c)}</Tag>
        </Flex>
      ))}
    </Flex>
  );
}
