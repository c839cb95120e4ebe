import type { TAuditEvent, TAuditPage } from '@anxin/contracts';
import { Descriptions, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { PAGE_SIZES } from '../audit-list-params.ts';

const ACTION_COLORS: Record<string, string> = {
  auth: 'blue',
  api_key: 'purple',
  org_unit: 'cyan',
  staff: 'geekblue',
  audit: 'gold',
  system: 'default',
};

function EventDetail({ event }: { event: TAuditEvent }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 160 } }}>
      <Descriptions.Item label={t('audit.data')}>
        <pre className="anxin-mono" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {JSON.stringify(event.data, null, 2)}
        </pre>
      </Descriptions.Item>
      {event.customerId && (
        <Descriptions.Item label={t('audit.customerId')}>
          {event.customerName && <span style={{ marginInlineEnd: 8 }}>{event.customerName}</span>}
          <span className="anxin-mono">{event.customerId}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('audit.requestId')}>
        <span className="anxin-mono">{event.requestId ?? t('common.none')}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.hash')}>
        <Typography.Text className="anxin-mono" copyable>
          {event.hash}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

interface AuditTableProps {
  data: TAuditPage | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
}

/** Audit events, newest first, one server-side page at a time; a row expands to its data and hash. */
export function AuditTable({ data, loading, page, pageSize, onPageChange }: AuditTableProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();

  const columns: TableColumnsType<TAuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 90, render: (seq: number) => <span className="anxin-mono">{seq}</span> },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => format.dateTime(at) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 160,
      render: (name: string | null) => (name === null || name === 'system' ? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> : labels.actorName(name)),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (action: TAuditEvent['action']) => (
        <Tooltip title={action}>
          <Tag color={ACTION_COLORS[action.split('.')[0] ?? ''] ?? 'default'}>{labels.auditAction(action)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, event) => (
        <span>
          {labels.entityType(event.entityType)}
          {/* A record with a number is named by it (the id stays copyable); others by their id. */}
          {event.entityLabel && (
            <Typography.Text className="anxin-mono" style={{ marginInlineStart: 6 }} copyable={event.entityId ? { text: event.entityId } : false} data-testid="audit-entity-label">
              {event.entityLabel}
            </Typography.Text>
          )}
          {!event.entityLabel && event.customerName && event.entityType === 'customer' && <span style={{ marginInlineStart: 6 }}>{event.customerName}</span>}
          {event.entityId && !event.entityLabel && !(event.customerName && event.entityType === 'customer') && (
            <Typography.Text type="secondary" className="anxin-mono" style={{ marginInlineStart: 6 }} copyable={{ text: event.entityId }}>
              {event.entityId.length > 13 ? `${event.entityId.slice(0, 8)}…${event.entityId.slice(-4)}` : event.entityId}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('audit.purpose'),
      dataIndex: 'purpose',
      ellipsis: true,
      render: (purpose: string | null) => purpose ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
  ];

  return (
    <div data-testid="audit-table">
      <Table<TAuditEvent>
        rowKey="seq"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 960 }}
        expandable={{ expandedRowRender: (event) => <EventDetail event={event} /> }}
        onRow={(event) => ({ 'data-testid': `audit-row-${event.seq}` }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => t('common.total', { total }),
          onChange: onPageChange,
        }}
      />
    </div>
  );
}
