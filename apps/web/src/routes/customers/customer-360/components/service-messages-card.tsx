import type { TMessage } from '@anxin/contracts';
import { Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useServiceMessages } from '../../../../api/service-messages.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { MESSAGE_STATUS_COLORS, useServiceLabels } from '../../../../components/service-labels.ts';
import { useFormat } from '../../../../format.ts';

/** The last 20 messages sent (or held back) to the customer. */
export function ServiceMessagesCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const list = useServiceMessages({ customerId }, { limit: 20 });
  const items = list.data?.pages[0]?.items ?? [];
  const columns: TableColumnsType<TMessage> = [
    { title: t('serviceMessages.createdAt'), dataIndex: 'createdAt', render: (at: string) => format.dateTime(at) },
    { title: t('serviceMessages.channel'), dataIndex: 'channel', render: (_, m) => labels.messageChannel(m.channel) },
    { title: t('serviceMessages.template'), dataIndex: 'template', render: (tpl: string) => <span title={tpl}>{labels.messageTemplate(tpl)}</span> },
    {
      title: t('serviceMessages.status'),
      dataIndex: 'status',
      render: (_, m) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={MESSAGE_STATUS_COLORS[m.status]}>{labels.messageStatus(m.status)}</Tag>
          {m.statusReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.messageStatusReason(m.statusReason)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <Card size="small" title={t('customer360.service.messages')} data-testid="customer-service-messages">
      {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 8 }} />}
      <Table<TMessage>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 520 }}
        expandable={{ expandedRowRender: (m) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.subject ? `${m.subject}\n${m.body}` : m.body}</Typography.Paragraph> }}
        locale={{ emptyText: t('customer360.service.messagesNone') }}
        onRow={(m) => ({ 'data-testid': `customer-message-${m.id}` }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
