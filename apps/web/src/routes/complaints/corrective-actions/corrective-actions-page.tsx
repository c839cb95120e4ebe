import { PlusOutlined } from '@ant-design/icons';
import { CORRECTIVE_ACTION_STATUSES, type TCorrectiveAction } from '@anxin/contracts';
import { Button, Card, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCorrectiveActions } from '../../../api/corrective-actions.ts';
import { OrgUnitTreeSelect } from '../../../components/org-unit-tree-select.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { CreateCorrectiveActionModal, ProgressCorrectiveActionModal } from './corrective-action-dialogs.tsx';
import { useCorrectiveActionText } from './corrective-action-text.ts';

const COLORS = { open: 'blue', done: 'gold', verified: 'green', overdue_escalated: 'red' } as const;

/** The corrective-action board (纠改措施): what each unit must fix, by when, with evidence and verified effect. */
export function CorrectiveActionsPage() {
  const { t } = useTranslation();
  const textOf = useCorrectiveActionText();
  const format = useFormat();
  const me = useCurrentUser();
  const [status, setStatus] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [progress, setProgress] = useState<{ action: TCorrectiveAction; step: 'complete' | 'verify' | 'reject' } | null>(null);
  const list = useCorrectiveActions({ status, unitId });
  const columns: TableColumnsType<TCorrectiveAction> = [
    {
      title: t('correctiveActions.title'),
      dataIndex: 'title',
      render: (_title: string, a) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{textOf(a).title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {textOf(a).rootCause}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('correctiveActions.from'), key: 'from', render: (_, a) => (a.complaint ? <Link to={`/complaints/${a.complaint.id}`}>{a.complaint.complaintNo}</Link> : a.source === 'survey' ? t('correctiveActions.fromSurvey') : t('correctiveActions.monthOf', { month: format.month(a.analysisMonth) })) },
    { title: t('correctiveActions.owner'), key: 'owner', render: (_, a) => a.ownerUnit.name },
    { title: t('correctiveActions.dueOn'), dataIndex: 'dueOn', render: (d: string, a) => <Typography.Text type={a.overdue ? 'danger' : undefined}>{format.date(d)}</Typography.Text> },
    { title: t('correctiveActions.status'), dataIndex: 'status', render: (s: TCorrectiveAction['status']) => <Tag color={COLORS[s]}>{t(`correctiveActions.statuses.${s}`)}</Tag> },
    { title: t('correctiveActions.evidence'), key: 'evidence', render: (_, a) => [a.evidence, a.effect].filter(Boolean).join(' / ') || '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Flex gap={4} wrap>
          {can(me, 'complaint:handle') && (a.status === 'open' || a.status === 'overdue_escalated') && (
            <Button size="small" onClick={() => setProgress({ action: a, step: 'complete' })}>
              {t('correctiveActions.complete')}
            </Button>
          )}
          {can(me, 'complaint:approve') && a.status === 'done' && (
            <>
              <Button size="small" type="primary" onClick={() => setProgress({ action: a, step: 'verify' })}>
                {t('correctiveActions.verify')}
              </Button>
              <Button size="small" onClick={() => setProgress({ action: a, step: 'reject' })}>
                {t('correctiveActions.reject')}
              </Button>
            </>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <div data-testid="corrective-actions-page">
      <PageHeader
        title={t('correctiveActions.pageTitle')}
        description={t('correctiveActions.description')}
        extra={
          can(me, 'complaint:handle') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('correctiveActions.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select allowClear placeholder={t('correctiveActions.status')} value={status} onChange={setStatus} style={{ width: 160 }} options={CORRECTIVE_ACTION_STATUSES.map((s) => ({ value: s, label: t(`correctiveActions.statuses.${s}`) }))} />
          <OrgUnitTreeSelect allowClear placeholder={t('correctiveActions.owner')} value={unitId} onChange={setUnitId} style={{ width: 240 }} />
        </Flex>
        {list.isError && <ProblemAlert error={list.error} />}
        <Table<TCorrectiveAction> rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} pagination={{ pageSize: 50 }} scroll={{ x: 1000 }} />
      </Card>
      {creating && <CreateCorrectiveActionModal defaultUnitId={me.orgUnitId} onClose={() => setCreating(false)} />}
      {progress && <ProgressCorrectiveActionModal action={progress.action} step={progress.step} onClose={() => setProgress(null)} />}
    </div>
  );
}
