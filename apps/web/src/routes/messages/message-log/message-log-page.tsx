import { MinusSquareOutlined, PlusSquareOutlined, ReloadOutlined } from '@ant-design/icons';
import { MESSAGE_CHANNELS, MESSAGE_STATUSES, type TMessage, type TMessageChannel, type TMessageStatus } from '@anxin/contracts';
import { Button, Card, Descriptions, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useServiceMessages } from '../../../api/service-messages.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { MESSAGE_STATUS_COLORS, useServiceLabels } from '../../../components/service-labels.ts';
import { useFormat } from '../../../format.ts';

/** A message's rendered subject and text, the customer, and where delivery stands. */
function MessageDetail({ message }: { message: TMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid={`message-detail-${message.id}`}
      items={[
        { key: 'customer', label: t('serviceMessages.customer'), children: <Link to={`/customers/${message.customerId}`}>{t('serviceMessages.openCustomer')}</Link> },
        ...(message.subject ? [{ key: 'subject', label: t('serviceMessages.subject'), children: message.subject }] : []),
        {
          key: 'body',
          label: t('serviceMessages.body'),
          children: (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid={`message-body-${message.id}`}>
              {message.body}
            </Typography.Paragraph>
          ),
        },
        ...(message.nextAttemptAt ? [{ key: 'next', label: t('serviceMessages.nextAttemptAt'), children: format.dateTime(message.nextAttemptAt) }] : []),
        ...(message.lastError ? [{ key: 'error', label: t('serviceMessages.lastError'), children: <Typography.Text type="danger">{message.lastError}</Typography.Text> }] : []),
      ]}
    />
  );
}

/** The log of messages to customers (SMS, email, WeChat, push) with their delivery status. */
export function MessageLogPage() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const [status, setStatus] = useState<TMessageStatus | undefined>();
  const [channel, setChannel] = useState<TMessageChannel | undefined>();
  const list = useServiceMessages({ status, channel });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<TMessage> = [
    { title: t('serviceMessages.createdAt'), dataIndex: 'createdAt', render: (at: string) => format.dateTime(at) },
    { title: t('serviceMessages.channel'), dataIndex: 'channel', render: (_, m) => labels.messageChannel(m.channel) },
    { title: t('serviceMessages.template'), dataIndex: 'template', render: (tpl: string) => <span title={tpl}>{labels.messageTemplate(tpl)}</span> },
    { title: t('serviceMessages.purpose'), dataIndex: 'purpose', render: (_, m) => <Tag color={m.purpose === 'marketing' ? 'magenta' : undefined}>{labels.messagePurpose(m.purpose)}</Tag> },
    { title: t('serviceMessages.recipient'), dataIndex: 'recipient', render: (r: string | null) => <span className="anxin-mono">{r ?? '—'}</span> },
    {
      title: t('serviceMessages.status'),
      dataIndex: 'status',
      render: (_, m) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={MESSAGE_STATUS_COLORS[m.status]} data-testid={`message-status-${m.id}`}>
            {labels.messageStatus(m.status)}
          </Tag>
          {m.statusReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.messageStatusReason(m.statusReason)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('serviceMessages.attempts'), dataIndex: 'attempts', align: 'right', render: (n: number) => format.number(n) },
    { title: t('serviceMessages.adapter'), dataIndex: 'adapter', render: (a: string | null) => (a ? labels.messageAdapter(a) : '—') },
    { title: t('serviceMessages.sentAt'), dataIndex: 'sentAt', render: (at: string | null) => format.dateTime(at) },
  ];

  return (
    <div data-testid="message-log-page">
      <PageHeader
        title={t('serviceMessages.title')}
        description={t('serviceMessages.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending} data-testid="message-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('serviceMessages.status')}
            value={status}
            onChange={(v) => setStatus(v ?? undefined)}
            options={MESSAGE_STATUSES.map((s) => ({ value: s, label: labels.messageStatus(s) }))}
            style={{ minWidth: 140 }}
            data-testid="message-filter-status"
          />
          <Select
            allowClear
            placeholder={t('serviceMessages.channel')}
            value={channel}
            onChange={(v) => setChannel(v ?? undefined)}
            options={MESSAGE_CHANNELS.map((c) => ({ value: c, label: labels.messageChannel(c) }))}
            style={{ minWidth: 140 }}
            data-testid="message-filter-channel"
          />
        </Flex>
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} testId="message-list-error" />}
        <div data-testid="message-table">
          <Table<TMessage>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching && !list.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 1100 }}
            expandable={{
              expandedRowRender: (m) => <MessageDetail message={m} />,
              expandIcon: ({ expanded, onExpand, record }) => (
                <Button
                  size="small"
                  type="text"
                  icon={expanded ? <MinusSquareOutlined /> : <PlusSquareOutlined />}
                  onClick={(e) => onExpand(record, e)}
                  aria-expanded={expanded}
                  aria-label={t('serviceMessages.body')}
                  data-testid={`message-expand-${record.id}`}
                />
              ),
            }}
            locale={{ emptyText: t('serviceMessages.empty') }}
            onRow={(m) => ({ 'data-testid': `message-row-${m.id}`, 'data-status': m.status }) as HTMLAttributes<HTMLElement>}
          />
        </div>
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('serviceMessages.loaded', { shown: format.number(items.length) })}</Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="message-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </div>
  );
}
