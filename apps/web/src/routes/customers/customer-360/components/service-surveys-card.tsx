import type { TSurveySummary } from '@anxin/contracts';
import { Card, Table, Tag, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerSurveys } from '../../../../api/surveys.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { useFormat } from '../../../../format.ts';

const STATUS_COLORS = { sent: 'blue', answered: 'green', expired: 'default' } as const;

/** The satisfaction surveys sent to the customer and the CSAT / NPS they gave. */
export function ServiceSurveysCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const list = useCustomerSurveys(customerId);
  const columns: TableColumnsType<TSurveySummary> = [
    { title: t('surveys.templates.context'), dataIndex: 'context', render: (_, s) => labels.surveyContext(s.context) },
    { title: t('customer360.service.sentAt'), dataIndex: 'sentAt', render: (at: string) => format.dateTime(at) },
    { title: t('visits.status'), dataIndex: 'status', render: (_, s) => <Tag color={STATUS_COLORS[s.status]}>{labels.surveyStatus(s.status)}</Tag> },
    { title: t('customer360.service.answeredAt'), dataIndex: 'answeredAt', render: (at: string | null) => format.dateTime(at) },
    { title: t('surveys.results.csat'), dataIndex: 'csat', align: 'right', render: (n: number | null, s) => <span data-testid={`customer-survey-csat-${s.id}`}>{format.number(n)}</span> },
    { title: t('surveys.results.nps'), dataIndex: 'nps', align: 'right', render: (n: number | null, s) => <span data-testid={`customer-survey-nps-${s.id}`}>{format.number(n)}</span> },
  ];
  return (
    <Card size="small" title={t('customer360.service.surveys')} data-testid="customer-service-surveys">
      {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 8 }} />}
      <Table<TSurveySummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('customer360.service.surveysNone') }}
        onRow={(s) => ({ 'data-testid': `customer-survey-${s.id}` }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
