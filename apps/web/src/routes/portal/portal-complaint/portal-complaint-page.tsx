import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePortalComplaint, useRespondToComplaint } from '../../../api/portal.ts';
import { PageLoading } from '../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { ComplaintStatusTag } from '../../complaints/components/complaint-status-tag.tsx';

const STEPS = ['received', 'verified', 'registered', 'transferred', 'extended', 'decided', 'accepted', 'disputed', 'reviewed', 'closed', 'withdrawn', 'reopened'] as const;
const NEXT = ['decision', 'your_response', 'review'] as const;
const known = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

/** The customer follows a complaint: steps in plain language, the decision, and accepts or disputes it. */
export function PortalComplaintPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { complaintId } = useParams();
  const complaint = usePortalComplaint(complaintId);
  const respond = useRespondToComplaint(complaintId ?? '');
  const [note, setNote] = useState('');
  if (complaint.isPending) return <PageLoading />;
  if (complaint.isError) return <ProblemAlert error={complaint.error} plain />;
  const c = complaint.data;
  return (
    <Flex vertical gap={12} data-testid="portal-complaint-page" data-status={c.status}>
      <Link to="/portal">
        <ArrowLeftOutlined /> {t('portal.complaint.back')}
      </Link>
      <Card size="small">
        <Flex gap={8} align="center" wrap>
          <Typography.Title level={5} style={{ margin: 0 }} className="anxin-mono">
            {c.complaintNo}
          </Typography.Title>
          <ComplaintStatusTag status={c.status} testId="portal-complaint-status" />
        </Flex>
        <Typography.Paragraph strong style={{ margin: '8px 0 4px' }}>
          {c.subject}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {c.description}
        </Typography.Paragraph>
      </Card>
      {c.decision && (
        <Card size="small" title={t('portal.complaint.decision')}>
          <Typography.Paragraph style={{ margin: 0 }} data-testid="portal-complaint-decision">
            {c.decision}
          </Typography.Paragraph>
          {c.awaitingResponse && (
            <Flex vertical gap={8} style={{ marginTop: 12 }}>
              {respond.isError && <ProblemAlert error={respond.error} plain />}
              <Typography.Text>{t('portal.complaint.askResponse')}</Typography.Text>
              <Input.TextArea rows={2} maxLength={1000} placeholder={t('portal.complaint.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
              <Flex gap={8}>
                <Button type="primary" style={{ flex: 1 }} loading={respond.isPending} onClick={() => respond.mutate({ response: 'accepts', note: note.trim() || undefined })} data-testid="portal-complaint-accept">
                  {t('portal.complaint.accept')}
                </Button>
                <Button style={{ flex: 1 }} loading={respond.isPending} onClick={() => respond.mutate({ response: 'disputes', note: note.trim() || undefined })} data-testid="portal-complaint-dispute">
                  {t('portal.complaint.dispute')}
                </Button>
              </Flex>
            </Flex>
          )}
        </Card>
      )}
      <Card size="small" title={t('portal.claim.progress')}>
        {c.next && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="portal-complaint-next"
            data-key={c.next.key}
            title={known(NEXT, c.next.key) ? t(`portal.complaint.next.${c.next.key}`) : c.next.key}
            description={c.next.dueAt ? t('portal.claim.nextBy', { at: format.dateTimeLong(c.next.dueAt) }) : undefined}
          />
        )}
        <Steps
          orientation="vertical"
          size="small"
          current={c.steps.length - 1}
          status={c.next ? 'process' : 'finish'}
          items={c.steps.map((s, i) => ({
            key: `${s.key}:${i}`,
            title: <span data-testid={`portal-complaint-step-${s.key}`}>{known(STEPS, s.key) ? t(`portal.complaint.steps.${s.key}`, { unit: s.params.unit ?? '', days: s.params.days ?? '' }) : s.key}</span>,
            content: format.dateTimeLong(s.at),
          }))}
        />
      </Card>
    </Flex>
  );
}
