import { MESSAGE_CHANNELS, type TMessageChannel, type TOutboxMessage } from '@anxin/contracts';
import { Alert, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useDevInbox } from '../../../api/messages.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../components/service-labels.ts';
import { useFormat } from '../../../format.ts';

const isMessageChannel = (value: string): value is TMessageChannel => (MESSAGE_CHANNELS as readonly string[]).includes(value);

/** The text a message carries, as the server renders it for the customer, in the reader's language. */
function useMessageText() {
  const { i18n } = useTranslation();
  return (m: TOutboxMessage) => (m.texts ? (i18n.language.startsWith('en') ? m.texts['en-US'] : m.texts['zh-CN']) : `${m.template} ${JSON.stringify(m.params)}`);
}

/**
 * Development only: what the system would send to customers (SMS, e-mail), newest first, so that
 * one-time portal codes and claim progress messages can be read without a phone.
 */
export function DevInboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const inbox = useDevInbox();
  const textOf = useMessageText();
  const serviceLabels = useServiceLabels();

  const columns: TableColumnsType<TOutboxMessage> = [
    { title: t('devInbox.queuedAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => format.dateTime(v) },
    { title: t('devInbox.channel'), dataIndex: 'channel', width: 90, render: (v: string | null) => (v ? <Tag>{isMessageChannel(v) ? serviceLabels.messageChannel(v) : v}</Tag> : null) },
    { title: t('devInbox.to'), dataIndex: 'to', width: 140, render: (v: string | null) => <span className="anxin-mono">{v ?? t('devInbox.onFile')}</span> },
    {
      title: t('devInbox.text'),
      key: 'text',
      render: (_, m) => (
        <Typography.Text data-testid="dev-inbox-text" data-template={m.template} data-code={m.params.code}>
          {textOf(m)}
        </Typography.Text>
      ),
    },
    { title: t('devInbox.state'), dataIndex: 'publishedAt', width: 110, render: (v: string | null) => (v ? <Tag color="green">{t('devInbox.sent')}</Tag> : <Tag color="orange">{t('devInbox.queued')}</Tag>) },
  ];

  return (
    <div data-testid="dev-inbox-page">
      <PageHeader title={t('devInbox.title')} description={t('devInbox.description')} />
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('devInbox.warning')} />
      <Card>
        {inbox.isError &&
          (isApiError(inbox.error) && inbox.error.code === 'ROUTE_NOT_FOUND' ? <Alert type="info" showIcon title={t('devInbox.off')} data-testid="dev-inbox-off" /> : <ProblemAlert error={inbox.error} />)}
        <Table<TOutboxMessage> rowKey="id" size="small" loading={inbox.isPending} columns={columns} dataSource={inbox.data?.items ?? []} pagination={false} scroll={{ x: 800 }} />
      </Card>
    </div>
  );
}
