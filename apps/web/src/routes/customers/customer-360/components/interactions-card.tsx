import { INTERACTION_CHANNELS, INTERACTION_DIRECTIONS, type TInteractionChannel, type TInteractionDirection } from '@anxin/contracts';
import { Button, Empty, Flex, Form, Input, Modal, Select, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateInteraction, useInteractions } from '../../../../api/interactions.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

/** Every touchpoint with the customer, newest first, filterable by channel. */
export function InteractionsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const [channel, setChannel] = useState<TInteractionChannel | undefined>();
  const list = useInteractions(customerId, channel);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Flex vertical gap={12} data-testid="customer-interactions">
      <Select
        allowClear
        placeholder={t('customer360.channel')}
        value={channel}
        onChange={(v) => setChannel(v ?? undefined)}
        options={INTERACTION_CHANNELS.map((c) => ({ value: c, label: labels.interactionChannel(c) }))}
        style={{ width: 180 }}
        data-testid="interaction-filter-channel"
      />
      {list.isError && <ProblemAlert error={list.error} />}
      {list.isPending && <Skeleton active />}
      {!list.isPending && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.noInteractions')} />}
      <Timeline
        items={items.map((i) => ({
          key: i.id,
          color: i.direction === 'inbound' ? 'blue' : 'green',
          title: format.dateTime(i.occurredAt),
          content: (
            <div data-testid={`interaction-${i.id}`}>
              <Flex gap={4} wrap style={{ marginBottom: 4 }}>
                <Tag style={{ marginInlineEnd: 0 }}>{labels.interactionChannel(i.channel)}</Tag>
                <Tag style={{ marginInlineEnd: 0 }} color={i.direction === 'inbound' ? 'blue' : 'green'}>
                  {labels.direction(i.direction)}
                </Tag>
                {i.staffName && <Typography.Text type="secondary">{i.staffName}</Typography.Text>}
              </Flex>
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{i.summary}</Typography.Paragraph>
            </div>
          ),
        }))}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          {t('common.loadMore')}
        </Button>
      )}
    </Flex>
  );
}

interface InteractionValues {
  channel: TInteractionChannel;
  direction: TInteractionDirection;
  occurredAt?: string;
  summary: string;
  policyId?: string;
}

/** Logs a touchpoint (phone call, counter visit, …). The time is entered in Shanghai time. */
export function LogInteractionModal({
  customerId,
  policies,
  onClose,
}: {
  customerId: string;
  policies: readonly { id: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<InteractionValues>();
  const create = useCreateInteraction(customerId);
  const problem = useFormProblem(form, { fields: ['channel', 'direction', 'occurredAt', 'summary', 'policyId'] });

  const onFinish = (values: InteractionValues) =>
    create.mutate(
      {
        channel: values.channel,
        direction: values.direction,
        summary: values.summary.trim(),
        // datetime-local has no zone: the console always means Shanghai time.
        occurredAt: values.occurredAt ? `${values.occurredAt.length === 16 ? `${values.occurredAt}:00` : values.occurredAt}+08:00` : undefined,
        policyId: values.policyId ?? null,
      },
      { onSuccess: onClose, onError: problem.report },
    );

  return (
    <Modal
      open
      title={t('customer360.logInteraction')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'interaction-form-submit' }}
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<InteractionValues> form={form} layout="vertical" initialValues={{ channel: 'phone', direction: 'outbound' }} onFinish={onFinish}>
        <Flex gap={12}>
          <Form.Item name="channel" label={t('customer360.channel')} style={{ flex: 1 }}>
            <Select options={INTERACTION_CHANNELS.map((c) => ({ value: c, label: labels.interactionChannel(c) }))} data-testid="interaction-form-channel" />
          </Form.Item>
          <Form.Item name="direction" label={t('customer360.direction')} style={{ flex: 1 }}>
            <Select options={INTERACTION_DIRECTIONS.map((d) => ({ value: d, label: labels.direction(d) }))} data-testid="interaction-form-direction" />
          </Form.Item>
        </Flex>
        <Form.Item name="occurredAt" label={t('common.optionalField', { field: t('customer360.occurredAt') })} extra={t('customer360.occurredAtHelp')}>
          <Input type="datetime-local" data-testid="interaction-form-occurred-at" />
        </Form.Item>
        <Form.Item name="summary" label={t('customer360.summary')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('customer360.summary') }) }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="interaction-form-summary" />
        </Form.Item>
        {policies.length > 0 && (
          <Form.Item name="policyId" label={t('common.optionalField', { field: t('customer360.relatedPolicy') })}>
            <Select allowClear options={policies.map((p) => ({ value: p.id, label: p.label }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
