import type { TRiskAlert } from '@anxin/contracts';
import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../../format.ts';
import { RISK_ALERT_KIND_COLORS, RISK_ALERT_STATUS_COLORS, useRiskAlertLabels } from './risk-alert-labels.ts';

/** The loaded pages of the alerts queue; a row opens the alert's drawer. */
export function RiskAlertTable({ items, loading, onOpen }: { items: TRiskAlert[]; loading: boolean; onOpen: (alert: TRiskAlert) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRiskAlertLabels();
  const columns: TableColumnsType<TRiskAlert> = [
    {
      title: t('riskAlerts.customer'),
      key: 'customer',
      width: 140,
      render: (_, alert) => (
        <Link to={`/customers/${alert.customer.id}`} data-testid={`risk-alert-customer-${alert.id}`}>
          {alert.customer.name}
        </Link>
      ),
    },
    {
      title: t('riskAlerts.kind'),
      key: 'kind',
      width: 120,
      render: (_, alert) => <Tag color={RISK_ALERT_KIND_COLORS[alert.kind]}>{labels.kind(alert.kind)}</Tag>,
    },
    { title: t('riskAlerts.figures'), key: 'figures', render: (_, alert) => <span data-testid={`risk-alert-figures-${alert.id}`}>{labels.figures(alert)}</span> },
    { title: t('riskAlerts.unit'), key: 'unit', width: 140, render: (_, alert) => alert.unit.name },
    {
      title: t('riskAlerts.assignee'),
      key: 'assignee',
      width: 120,
      render: (_, alert) => alert.assignee?.name ?? <Typography.Text type="secondary">{t('riskAlerts.unassigned')}</Typography.Text>,
    },
    { title: t('riskAlerts.openedAt'), key: 'openedAt', width: 170, render: (_, alert) => format.dateTime(alert.openedAt) },
    {
      title: t('riskAlerts.status'),
      key: 'status',
      width: 130,
      render: (_, alert) => (
        <>
          <Tag color={RISK_ALERT_STATUS_COLORS[alert.status]} data-testid={`risk-alert-status-${alert.id}`}>
            {labels.status(alert.status)}
          </Tag>
          {alert.decision && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {labels.decision(alert.decision)}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, alert) => (
        <Button size="small" onClick={() => onOpen(alert)} data-testid={`risk-alert-open-${alert.id}`}>
          {t('riskAlerts.handle')}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="risk-alert-table">
      <Table<TRiskAlert>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('riskAlerts.empty') }}
        onRow={(alert) => ({ 'data-testid': `risk-alert-row-${alert.id}`, 'data-status': alert.status, 'data-kind': alert.kind }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
