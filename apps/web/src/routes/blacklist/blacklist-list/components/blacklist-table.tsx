import type { TBlacklistEntry } from '@anxin/contracts';
import { Badge, Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BlacklistDecision } from '../../../../api/blacklist.ts';
import { useFormat } from '../../../../format.ts';
import { BLACKLIST_STATUS_COLORS, useBlacklistLabels } from './blacklist-labels.ts';

interface BlacklistTableProps {
  items: TBlacklistEntry[];
  loading: boolean;
  /** Whether the user may approve, reject and lift (blacklist:approve). */
  canDecide: boolean;
  /** The signed-in user's staff id: their own requests are decided by someone else. */
  myId: string;
  onDecide: (entry: TBlacklistEntry, decision: BlacklistDecision) => void;
  testId: string;
}

/** Blacklist entries with their reason, evidence, dates, request and decision, and the decisions each allows. */
export function BlacklistTable({ items, loading, canDecide, myId, onDecide, testId }: BlacklistTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useBlacklistLabels();
  const columns: TableColumnsType<TBlacklistEntry> = [
    {
      title: t('blacklist.customer'),
      key: 'customer',
      width: 130,
      render: (_, entry) => (
        <Link to={`/customers/${entry.customer.id}`} data-testid={`blacklist-customer-${entry.id}`}>
          {entry.customer.name}
        </Link>
      ),
    },
    {
      title: t('blacklist.reason'),
      key: 'reason',
      render: (_, entry) => (
        <Flex vertical gap={2}>
          <span>
            <Tag>{labels.reason(entry.reason)}</Tag>
          </span>
          <Typography.Text style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>{entry.detail}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
            {t('blacklist.evidenceLine', { evidence: entry.evidence })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('blacklist.period'),
      key: 'period',
      width: 190,
      render: (_, entry) => (
        <Flex vertical gap={2}>
          <span>{t('blacklist.periodValue', { from: format.date(entry.startsOn), to: entry.expiresOn ? format.date(entry.expiresOn) : t('blacklist.noExpiry') })}</span>
          <Tag color={BLACKLIST_STATUS_COLORS[entry.status]} style={{ alignSelf: 'flex-start' }} data-testid={`blacklist-status-${entry.id}`}>
            {labels.status(entry.status)}
          </Tag>
          {entry.status === 'active' && (
            <Badge
              status={entry.inEffect ? 'error' : 'default'}
              text={entry.inEffect ? t('blacklist.inEffect') : t('blacklist.notInEffect')}
              data-testid={`blacklist-in-effect-${entry.id}`}
            />
          )}
        </Flex>
      ),
    },
    {
      title: t('blacklist.requestedBy'),
      key: 'requested',
      width: 170,
      render: (_, entry) => (
        <Flex vertical gap={2}>
          <span>{entry.requestedBy}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.dateTime(entry.requestedAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('blacklist.decidedBy'),
      key: 'decided',
      width: 200,
      render: (_, entry) =>
        entry.decidedBy ? (
          <Flex vertical gap={2}>
            <span>{entry.decidedBy}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {entry.decidedAt && format.dateTime(entry.decidedAt)}
            </Typography.Text>
            {entry.decisionNote && (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {entry.decisionNote}
              </Typography.Text>
            )}
            {entry.liftedAt && (
              <Typography.Text style={{ fontSize: 12, marginTop: 4 }} data-testid={`blacklist-lifted-${entry.id}`}>
                {t('blacklist.liftedBy', { name: entry.liftedBy ?? t('common.none'), at: format.dateTime(entry.liftedAt) })}
              </Typography.Text>
            )}
            {entry.liftNote && (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {entry.liftNote}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    ...(canDecide
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, entry: TBlacklistEntry) => {
              if (entry.status === 'pending' && entry.requestedById === myId) {
                return (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`blacklist-own-${entry.id}`}>
                    {t('blacklist.ownRequest')}
                  </Typography.Text>
                );
              }
              return (
                <Flex gap={4} wrap>
                  {entry.status === 'pending' && (
                    <>
                      <Button size="small" type="primary" danger onClick={() => onDecide(entry, 'approve')} data-testid={`blacklist-approve-${entry.id}`}>
                        {t('blacklist.approve')}
                      </Button>
                      <Button size="small" onClick={() => onDecide(entry, 'reject')} data-testid={`blacklist-reject-${entry.id}`}>
                        {t('blacklist.reject')}
                      </Button>
                    </>
                  )}
                  {entry.status === 'active' && (
                    <Button size="small" onClick={() => onDecide(entry, 'lift')} data-testid={`blacklist-lift-${entry.id}`}>
                      {t('blacklist.lift')}
                    </Button>
                  )}
                </Flex>
              );
            },
          },
        ]
      : []),
  ];
  return (
    <div data-testid={testId}>
      <Table<TBlacklistEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('blacklist.empty') }}
        onRow={(entry) => ({ 'data-testid': `blacklist-row-${entry.id}`, 'data-status': entry.status, 'data-in-effect': String(entry.inEffect) }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
