import type { TComplaint, TComplaintActionRequest } from '@anxin/contracts';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useComplaint } from '../../../api/complaints.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { ComplaintClock } from '../components/complaint-clock.tsx';
import { useComplaintLabels } from '../components/complaint-labels.ts';
import { ComplaintStatusTag } from '../components/complaint-status-tag.tsx';
import { ComplaintActionModal } from './components/complaint-action-modal.tsx';
import { ComplaintPlaybook } from './components/complaint-playbook.tsx';
import { ComplaintRecords } from './components/complaint-records.tsx';
import { CreateCorrectiveActionModal } from '../corrective-actions/corrective-action-dialogs.tsx';

type Action = TComplaintActionRequest['action'];
// The step that moves the complaint forward is the primary button.
const FORWARD: readonly string[] = ['verify', 'register', 'decide', 'record_response', 'decide_review', 'reopen'];

function Summary({ c }: { c: TComplaint }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const format = useFormat();
  const none = t('common.none');
  return (
    <Card title={t('complaints.detail.summary')} size="small">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'customer', label: t('complaints.customer'), children: <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link> },
          { key: 'channel', label: t('complaints.channel'), children: `${labels.channel(c.channel)}${c.regulatorRef ? ` · ${c.regulatorRef}` : ''}` },
          { key: 'category', label: t('complaints.category'), children: `${labels.category(c.category)} · ${labels.subReason(c.subReason)}` },
          { key: 'severity', label: t('complaints.severity'), children: `${labels.severity(c.severity)}${c.collective ? ` · ${t('complaints.collectiveOf', { n: c.representatives ?? 0 })}` : ''}` },
          { key: 'unit', label: t('complaints.unit'), children: <span data-testid="complaint-unit" data-tier={c.tier}>{`${labels.tier(c.tier)} · ${c.orgUnit.name}`}</span> },
          { key: 'home', label: t('complaints.homeUnit'), children: c.homeUnit.name },
          { key: 'received', label: t('complaints.receivedAt'), children: format.dateTime(c.receivedAt) },
          { key: 'clock', label: t('complaints.clock'), children: <ComplaintClock clock={c.clock} testId="complaint-clock" /> },
          { key: 'policy', label: t('complaints.policy'), children: c.policy ? <Link to={`/policies/${c.policy.id}`}>{c.policy.policyNo}</Link> : none },
          { key: 'claim', label: t('complaints.claim'), children: c.claim ? <Link to={`/claims/${c.claim.id}`}>{c.claim.claimNo}</Link> : none },
          { key: 'assignee', label: t('complaints.assignee'), children: c.assignee?.name ?? t('complaints.unassigned') },
          { key: 'staff', label: t('complaints.staffConcerned'), children: c.staffConcerned?.name ?? none },
          { key: 'description', label: t('complaints.description'), span: 2, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="complaint-description">{c.description}</Typography.Paragraph> },
          { key: 'demand', label: t('complaints.demand'), span: 2, children: c.demand ?? none },
        ]}
      />
    </Card>
  );
}

/** One complaint: summary and the customer's words, the procedure's actions, records, clock and playbook. */
export function ComplaintDetailPage() {
  const { complaintId } = useParams();
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const complaint = useComplaint(complaintId);
  const me = useCurrentUser();
  const [open, setOpen] = useState<Action | null>(null);
  const [creatingAction, setCreatingAction] = useState(false);
  if (complaint.isPending) return <Skeleton active />;
  if (complaint.isError) return <ProblemAlert error={complaint.error} testId="complaint-detail-error" />;
  const c = complaint.data;
  const actions = c.nextActions.filter((a): a is Action => a !== 'playbook');
  const primary = actions.find((a) => FORWARD.includes(a));
  return (
    <div data-testid="complaint-detail-page" data-status={c.status} data-version={c.version}>
      <PageHeader
        title={t('complaints.detail.titleOf', { no: c.complaintNo })}
        description={
          <Flex gap={8} align="center" wrap component="span">
            <ComplaintStatusTag status={c.status} testId="complaint-status" />
            <span>{c.subject}</span>
            {c.breached && <Tag color="red">{t('complaints.breachedTag')}</Tag>}
            {c.archived && <Tag>{t('complaints.archived')}</Tag>}
          </Flex>
        }
        extra={
          <>
            {actions.map((a) => (
              <Button key={a} type={a === primary ? 'primary' : 'default'} danger={a === 'withdraw'} onClick={() => setOpen(a)} data-testid={`complaint-action-${a}`}>
                {labels.action(a)}
              </Button>
            ))}
            {c.nextActions.length > 0 && (
              <Button onClick={() => setCreatingAction(true)} data-testid="complaint-corrective-action">
                {t('correctiveActions.create')}
              </Button>
            )}
          </>
        }
      />
      {c.staffConcerned?.id === me.id && !['closed', 'withdrawn'].includes(c.status) && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('complaints.detail.recusal')} data-testid="complaint-recusal" />
      )}
      {c.extensionLevel === 1 && actions.length > 0 && !actions.includes('extend') && ['received', 'verified', 'registered', 'handling'].includes(c.status) && (
        // The second extension (to 60 days) is for the unit above the customer's branch or head office to grant.
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('complaints.detail.secondExtensionHint')} data-testid="complaint-second-extension-hint" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Summary c={c} />
            <ComplaintRecords complaint={c} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <ComplaintPlaybook complaint={c} />
        </Col>
      </Row>
      {open && <ComplaintActionModal complaint={c} action={open} onClose={() => setOpen(null)} />}
      {creatingAction && <CreateCorrectiveActionModal complaintId={c.id} defaultUnitId={c.orgUnit.id} onClose={() => setCreatingAction(false)} />}
    </div>
  );
}
