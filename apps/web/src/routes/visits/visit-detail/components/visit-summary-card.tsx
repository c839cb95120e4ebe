import type { TFollowUpVisit } from '@anxin/contracts';
import { Card, Descriptions, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VISIT_STATUS_COLORS, useServiceLabels } from '../../../../components/service-labels.ts';
import { useFormat } from '../../../../format.ts';

/** Who, what, how (and why that method), when, and what the visit relates to. */
export function VisitSummaryCard({ visit }: { visit: TFollowUpVisit }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const items: DescriptionsProps['items'] = [
    {
      key: 'customer',
      label: t('visits.customer'),
      children: (
        <Link to={`/customers/${visit.customer.id}`} data-testid="visit-customer">
          {visit.customer.name}
        </Link>
      ),
    },
    { key: 'type', label: t('visits.visitType'), children: labels.visitType(visit.visitType) },
    {
      key: 'status',
      label: t('visits.status'),
      children: (
        <Tag color={VISIT_STATUS_COLORS[visit.status]} data-testid="visit-status" data-status={visit.status}>
          {labels.visitStatus(visit.status)}
        </Tag>
      ),
    },
    {
      key: 'due',
      label: t('visits.dueAt'),
      children: <Typography.Text type={visit.overdue && visit.status === 'scheduled' ? 'danger' : undefined}>{format.dateTime(visit.dueAt)}</Typography.Text>,
    },
    {
      key: 'method',
      label: t('visits.method'),
      children: (
        <Tag color="geekblue" data-testid="visit-method" data-method={visit.method}>
          {labels.visitMethod(visit.method)}
        </Tag>
      ),
    },
    { key: 'attempts', label: t('visits.attempts'), children: <span data-testid="visit-attempts">{format.number(visit.attempts)}</span> },
    { key: 'methodReason', label: t('visits.methodReason'), span: 'filled', children: <span data-testid="visit-method-reason">{labels.visitMethodWhy(visit)}</span> },
    { key: 'assignee', label: t('visits.assignee'), children: visit.assignee?.name ?? t('tasks.unassigned') },
    { key: 'unit', label: t('visits.unit'), children: visit.unit.name },
    { key: 'source', label: t('visits.source'), children: labels.visitSource(visit.source) },
    { key: 'created', label: t('visits.detail.createdAt'), children: format.dateTime(visit.createdAt) },
    ...(visit.policyId ? [{ key: 'policy', label: t('visits.detail.policy'), children: <Link to={`/policies/${visit.policyId}`}>{t('visits.detail.view')}</Link> }] : []),
    ...(visit.claimId ? [{ key: 'claim', label: t('visits.detail.claim'), children: <Link to={`/claims/${visit.claimId}`}>{t('visits.detail.view')}</Link> }] : []),
    ...(visit.complaintId ? [{ key: 'complaint', label: t('visits.detail.complaint'), children: <Link to={`/complaints/${visit.complaintId}`}>{t('visits.detail.view')}</Link> }] : []),
    ...(visit.completedAt ? [{ key: 'completed', label: t('visits.detail.completedAt'), children: format.dateTime(visit.completedAt) }] : []),
  ];
  return (
    <Card title={t('visits.detail.summary')} data-testid="visit-summary">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} />
    </Card>
  );
}
