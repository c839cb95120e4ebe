import type { TClaim } from '@anxin/contracts';
import { Card, Descriptions, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ClaimStatusTag } from '../../../../components/claim-status-tag.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { IncidentDetails } from './incident-details.tsx';

/** Who claims what under which policy, the amounts so far, who handles it, and (if denied) why. */
export function ClaimSummaryCard({ claim: c }: { claim: TClaim }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const none = t('common.none');

  const items: DescriptionsProps['items'] = [
    { key: 'no', label: t('claims.claimNo'), children: <span className="anxin-mono" data-testid="claim-no">{c.claimNo}</span> },
    { key: 'status', label: t('claims.status'), children: <ClaimStatusTag status={c.status} testId="claim-status" /> },
    { key: 'policy', label: t('claims.policyNo'), children: <Link to={`/policies/${c.policyId}`} className="anxin-mono">{c.policyNo}</Link> },
    { key: 'line', label: t('claims.line'), children: labels.productLine(c.line) },
    { key: 'insured', label: t('claims.insured'), children: <Link to={`/customers/${c.customerId}`}>{c.insuredName}</Link> },
    { key: 'channel', label: t('claims.channel'), children: labels.claimChannel(c.channel) },
    { key: 'incident', label: t('claims.incidentAt'), children: format.dateTime(c.incidentAt) },
    { key: 'reported', label: t('claims.reportedAt'), children: format.dateTime(c.reportedAt) },
    { key: 'claimed', label: t('claims.amountClaimed'), children: <span data-testid="claim-amount-claimed">{format.fen(c.amountClaimedFen)}</span> },
    { key: 'approved', label: t('claims.amountApproved'), children: <span data-testid="claim-amount-approved">{c.amountApprovedFen === null ? none : format.fen(c.amountApprovedFen)}</span> },
    { key: 'paid', label: t('claims.amountPaid'), children: <span data-testid="claim-amount-paid">{format.fen(c.amountPaidFen)}</span> },
    { key: 'assignee', label: t('claims.assignee'), children: <span data-testid="claim-assignee">{c.assignee?.name ?? t('claims.unassigned')}</span> },
    { key: 'reporter', label: t('claims.reporter'), children: c.reporterName ?? none },
    { key: 'phone', label: t('claims.reporterPhone'), children: c.reporterPhoneMasked ? <span className="anxin-mono">{c.reporterPhoneMasked}</span> : none },
    ...(c.denialReason || c.denialClause
      ? [
          { key: 'clause', label: t('claims.denialClause'), span: 2, children: <span data-testid="claim-denial-clause">{c.denialClause ?? none}</span> },
          { key: 'reason', label: t('claims.denialReason'), span: 2, children: <span data-testid="claim-denial-reason">{c.denialReason ?? none}</span> },
        ]
      : []),
  ];

  return (
    <Card title={t('claims.detail.summary')} data-testid="claim-summary">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
      {c.incident ? (
        <IncidentDetails incident={c.incident} />
      ) : (
        // Health data: the server sends the incident only to those who handle or approve claims.
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }} data-testid="claim-incident-hidden">
          {t('claims.detail.incidentHidden')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
