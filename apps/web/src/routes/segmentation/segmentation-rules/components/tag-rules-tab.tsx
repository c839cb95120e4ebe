import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { TAG_DIMENSIONS, type TTagDefinition } from '@anxin/contracts';
import { App, Button, Flex, Segmented, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useTagDefinitions, useUpdateTagDefinition } from '../../../../api/segmentation.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { ConditionList } from '../../components/condition-text.tsx';
import { useSegmentationLabels, type TTagDimension } from '../../components/segmentation-labels.ts';
import { TagRuleModal } from './tag-rule-modal.tsx';

const DIMENSION_COLORS = { risk: 'red', value: 'gold', need: 'blue' } as const;

type Editing = { mode: 'create' } | { mode: 'edit'; definition: TTagDefinition } | null;

/** Tag rules by dimension: conditions in words, customers tagged, on/off; managers edit and add rules. */
export function TagRulesTab({ manages }: { manages: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const labels = useSegmentationLabels();
  const { message } = App.useApp();
  const definitions = useTagDefinitions();
  const update = useUpdateTagDefinition();
  const [dimension, setDimension] = useState<'all' | TTagDimension>('all');
  const [editing, setEditing] = useState<Editing>(null);
  const english = i18n.language.startsWith('en');
  const nameOf = (d: TTagDefinition) => (english ? d.nameEn : d.nameZh);

  const rows = (definitions.data ?? [])
    .filter((d) => dimension === 'all' || d.dimension === dimension)
    .sort((a, b) => TAG_DIMENSIONS.indexOf(a.dimension) - TAG_DIMENSIONS.indexOf(b.dimension) || a.code.localeCompare(b.code));

  const columns: TableColumnsType<TTagDefinition> = [
    {
      title: t('segmentation.rules.tagName'),
      dataIndex: 'code',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center">
            <Typography.Text strong>{nameOf(d)}</Typography.Text>
            {d.builtin && <Tag style={{ marginInlineEnd: 0 }}>{t('segmentation.rules.builtin')}</Tag>}
          </Flex>
          <Typography.Text type="secondary" className="anxin-mono" style={{ fontSize: 12 }}>
            {d.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('segmentation.rules.tagDimension'), dataIndex: 'dimension', render: (dim: TTagDimension) => <Tag color={DIMENSION_COLORS[dim]}>{labels.dimension(dim)}</Tag> },
    { title: t('segmentation.rules.tagConditions'), dataIndex: 'conditions', render: (_, d) => <ConditionList conditions={d.conditions} testId={`tag-conditions-${d.code}`} /> },
    { title: t('segmentation.rules.tagCustomers'), dataIndex: 'customers', align: 'right', render: (n: number, d) => <span data-testid={`tag-customers-${d.code}`}>{format.number(n)}</span> },
    {
      title: t('segmentation.rules.tagActive'),
      dataIndex: 'active',
      render: (_, d) => (
        <Switch
          checked={d.active}
          disabled={!manages}
          loading={update.isPending && update.variables?.code === d.code && update.variables.body.active !== undefined}
          onChange={(active) =>
            update.mutate(
              { code: d.code, body: { active, version: d.version } },
              { onSuccess: () => void message.success(t(active ? 'segmentation.rules.tagSwitchedOn' : 'segmentation.rules.tagSwitchedOff', { name: nameOf(d) })) },
            )
          }
          aria-label={t('segmentation.rules.tagActive')}
          data-testid={`tag-active-${d.code}`}
        />
      ),
    },
    ...(manages
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, d: TTagDefinition) => (
              <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing({ mode: 'edit', definition: d })} data-testid={`tag-edit-${d.code}`} />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12} data-testid="tag-rules">
      <Flex justify="space-between" gap={8} wrap>
        <Segmented<'all' | TTagDimension>
          value={dimension}
          onChange={setDimension}
          options={[{ value: 'all', label: t('common.all') }, ...TAG_DIMENSIONS.map((d) => ({ value: d, label: labels.dimension(d) }))]}
          data-testid="tag-dimension-filter"
        />
        {manages && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="tag-create">
            {t('segmentation.rules.newTag')}
          </Button>
        )}
      </Flex>
      {definitions.isError && <ProblemAlert error={definitions.error} testId="tag-rules-error" />}
      {update.isError && <ProblemAlert error={update.error} testId="tag-update-error" />}
      <div data-testid="tag-rules-table">
        <Table<TTagDefinition>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={definitions.isPending}
          pagination={false}
          scroll={{ x: 900 }}
          onRow={(d) => ({ 'data-testid': `tag-row-${d.code}`, 'data-active': String(d.active) }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {editing && <TagRuleModal definition={editing.mode === 'edit' ? editing.definition : null} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
