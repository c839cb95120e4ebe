import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TAttributeDefinition, TAttributeType } from '@anxin/contracts';
import { App, Button, Card, Flex, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttributeLabel, useCustomerAttributes, useDeleteCustomerAttribute } from '../../../api/customer-attributes.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { AttributeFormModal } from './components/attribute-form-modal.tsx';

type FormState = { mode: 'create' } | { mode: 'edit'; definition: TAttributeDefinition } | null;

/** Administrators define the typed custom fields customers carry (shown, filtered, imported and exported). */
export function CustomerAttributeListPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const label = useAttributeLabel();
  const { modal, message } = App.useApp();
  const attributes = useCustomerAttributes();
  const remove = useDeleteCustomerAttribute();
  const [form, setForm] = useState<FormState>(null);

  const columns: TableColumnsType<TAttributeDefinition> = [
    { title: t('customerAttributes.key'), dataIndex: 'key', render: (key: string) => <span className="anxin-mono">{key}</span> },
    { title: t('customerAttributes.labelZh'), dataIndex: 'labelZh' },
    { title: t('customerAttributes.labelEn'), dataIndex: 'labelEn' },
    { title: t('customerAttributes.type'), dataIndex: 'type', render: (type: TAttributeType) => labels.attributeType(type) },
    {
      title: t('customerAttributes.options'),
      dataIndex: 'options',
      render: (_, d) =>
        d.type === 'enum' ? (
          <Flex gap={4} wrap>
            {d.options.map((o) => (
              <Tooltip key={o.value} title={o.value}>
                <Tag style={{ marginInlineEnd: 0 }}>{label.option(d, o.value)}</Tag>
              </Tooltip>
            ))}
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('customerAttributes.flags'),
      key: 'flags',
      render: (_, d) => (
        <Flex gap={4} wrap>
          {d.required && <Tag color="red">{t('customerAttributes.required')}</Tag>}
          {d.filterable && <Tag color="blue">{t('customerAttributes.filterable')}</Tag>}
        </Flex>
      ),
    },
    { title: t('customers.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => format.dateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, d) => (
        <Flex gap={4}>
          <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setForm({ mode: 'edit', definition: d })} data-testid={`attribute-edit-${d.key}`} />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.delete')}
            data-testid={`attribute-delete-${d.key}`}
            onClick={() =>
              modal.confirm({
                title: t('customerAttributes.confirmDelete', { name: label.of(d) }),
                content: t('customerAttributes.confirmDeleteContent'),
                okButtonProps: { danger: true },
                okText: t('common.delete'),
                cancelText: t('common.cancel'),
                onOk: () =>
                  remove.mutateAsync(d.id).then(
                    () => void message.success(t('customerAttributes.deleted', { name: label.of(d) })),
                    () => undefined,
                  ),
              })
            }
          />
        </Flex>
      ),
    },
  ];

  return (
    <div data-testid="customer-attributes-page">
      <PageHeader
        title={t('customerAttributes.title')}
        description={t('customerAttributes.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })} data-testid="attribute-create">
            {t('customerAttributes.create')}
          </Button>
        }
      />
      <Card>
        {attributes.isError && <ProblemAlert error={attributes.error} style={{ marginBottom: 16 }} />}
        {remove.isError && <ProblemAlert error={remove.error} style={{ marginBottom: 16 }} />}
        <Table<TAttributeDefinition>
          rowKey="id"
          columns={columns}
          dataSource={attributes.data ?? []}
          loading={attributes.isFetching}
          pagination={false}
          locale={{ emptyText: t('customerAttributes.empty') }}
          onRow={(d) => ({ 'data-testid': `attribute-row-${d.key}` }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
      {form && <AttributeFormModal definition={form.mode === 'edit' ? form.definition : undefined} onClose={() => setForm(null)} />}
    </div>
  );
}
