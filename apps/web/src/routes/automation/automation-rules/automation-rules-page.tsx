import { EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { TAutomationRule, TJobRunResult } from '@anxin/contracts';
import { Alert, App, Button, Card, Descriptions, Flex, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useAutomationRules, useRunDueWork, useUpdateAutomationRule } from '../../../api/automation.ts';
import { useSegments } from '../../../api/segments.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useServiceLabels } from '../../../components/service-labels.ts';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { AutomationRunsCard } from './components/automation-runs-card.tsx';
import { isFenParam, isParamValue } from './components/rule-params.ts';
import { RuleParamsModal } from './components/rule-params-modal.tsx';

const RESULT_FIELDS = ['outboxEvents', 'jobs', 'rulesFired', 'messagesSent', 'messagesDeferred', 'messagesSuppressed', 'messagesFailed', 'tasksEscalated'] as const satisfies readonly (keyof TJobRunResult)[];

/** The automation rules: what each does, on or off, its parameters, how often it fired; and what it did lately. */
export function AutomationRulesPage() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const rules = useAutomationRules();
  const update = useUpdateAutomationRule();
  const runDue = useRunDueWork();
  const [editing, setEditing] = useState<TAutomationRule | null>(null);
  const manages = can(me, 'service:manage');
  const segments = useSegments({ enabled: manages && can(me, 'segment:read') });

  const paramText = (key: string, value: unknown) => {
    if (typeof value === 'number') return isFenParam(key) ? format.fen(value) : format.number(value);
    if (Array.isArray(value)) return value.map((n) => (typeof n === 'number' ? format.number(n) : String(n))).join(', ');
    return JSON.stringify(value);
  };

  const columns: TableColumnsType<TAutomationRule> = [
    {
      title: t('automation.rule'),
      dataIndex: 'code',
      render: (_, r) => (
        <Flex vertical gap={2} style={{ maxWidth: 460 }}>
          <Typography.Text strong>{labels.ruleName(r.code)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.ruleDescription(r.code)}
          </Typography.Text>
          <Typography.Text type="secondary" className="anxin-mono">
            {r.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('automation.trigger'), dataIndex: 'trigger', render: (_, r) => <Tag color={r.trigger === 'event' ? 'purple' : 'cyan'}>{t(`automation.triggers.${r.trigger}`)}</Tag> },
    {
      title: t('automation.enabled'),
      dataIndex: 'enabled',
      render: (_, r) => (
        <Switch
          checked={r.enabled}
          disabled={!manages}
          loading={update.isPending && update.variables?.code === r.code}
          onChange={(enabled) =>
            update.mutate(
              { code: r.code, body: { enabled, version: r.version } },
              { onSuccess: () => void message.success(t(enabled ? 'automation.switchedOn' : 'automation.switchedOff', { name: labels.ruleName(r.code) })) },
            )
          }
          data-testid={`rule-switch-${r.code}`}
        />
      ),
    },
    {
      title: t('automation.params'),
      key: 'params',
      render: (_, r) => {
        const entries = Object.entries(r.params);
        return (
          <Flex vertical gap={2} align="flex-start" data-testid={`rule-params-${r.code}`}>
            {entries.length === 0 && <Typography.Text type="secondary">{t('automation.noParams')}</Typography.Text>}
            {entries.map(([key, value]) => (
              <span key={key} data-param={key}>
                {t('automation.paramLine', { label: labels.ruleParam(key), value: paramText(key, value) })}
              </span>
            ))}
            {manages && entries.some(([, value]) => isParamValue(value)) && (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(r)} style={{ padding: 0 }} data-testid={`rule-params-edit-${r.code}`}>
                {t('automation.editParams')}
              </Button>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('automation.audience'),
      key: 'audience',
      render: (_, r) =>
        r.trigger !== 'schedule' || r.code === 'overdue_task_escalation' ? null : manages && segments.data ? (
          <Select
            style={{ minWidth: 180 }}
            allowClear
            placeholder={t('automation.audienceAll')}
            title={t('automation.audienceHelp')}
            value={r.audience?.id}
            options={segments.data.map((s) => ({ value: s.id, label: s.name }))}
            loading={update.isPending && update.variables?.code === r.code}
            onChange={(id: string | undefined) =>
              update.mutate({ code: r.code, body: { audienceSegmentId: id ?? null, version: r.version } }, { onSuccess: () => void message.success(t('automation.audienceSaved', { name: labels.ruleName(r.code) })) })
            }
            data-testid={`rule-audience-${r.code}`}
          />
        ) : (
          <Typography.Text type={r.audience ? undefined : 'secondary'}>{r.audience?.name ?? t('automation.audienceAll')}</Typography.Text>
        ),
    },
    { title: t('automation.runs30'), dataIndex: 'runsLast30Days', align: 'right', render: (n: number, r) => <span data-testid={`rule-runs-${r.code}`}>{format.number(n)}</span> },
    { title: t('automation.lastFired'), dataIndex: 'lastFiredAt', render: (at: string | null) => (at ? format.dateTime(at) : <Typography.Text type="secondary">{t('automation.never')}</Typography.Text>) },
    {
      title: t('automation.updated'),
      key: 'updated',
      render: (_, r) =>
        r.updatedBy ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('automation.updatedBy', { by: r.updatedBy, at: format.dateTime(r.updatedAt) })}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <div data-testid="automation-rules-page">
      <PageHeader
        title={t('automation.title')}
        description={t('automation.description')}
        extra={
          manages && (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={runDue.isPending} onClick={() => runDue.mutate()} data-testid="run-due-now">
              {t('automation.runDue')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        {!manages && <Alert type="info" showIcon title={t('automation.readOnly')} />}
        {runDue.isError && <ProblemAlert error={runDue.error} testId="run-due-error" />}
        {runDue.data && (
          <Card size="small" title={t('automation.runDueDone')} data-testid="run-due-result">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 4 }}
              items={RESULT_FIELDS.map((field) => ({
                key: field,
                label: t(`automation.result.${field}`),
                children: <span data-testid={`run-due-${field}`}>{format.number(runDue.data[field])}</span>,
              }))}
            />
          </Card>
        )}
        <Card>
          {rules.isError && <ProblemAlert error={rules.error} style={{ marginBottom: 12 }} testId="automation-rules-error" />}
          {update.isError && <ProblemAlert error={update.error} style={{ marginBottom: 12 }} testId="rule-update-error" />}
          <div data-testid="automation-rules-table">
            <Table<TAutomationRule>
              rowKey="code"
              size="middle"
              columns={columns}
              dataSource={rules.data?.items ?? []}
              loading={rules.isPending}
              pagination={false}
              scroll={{ x: 1100 }}
              onRow={(r) => ({ 'data-testid': `rule-row-${r.code}`, 'data-enabled': String(r.enabled) }) as HTMLAttributes<HTMLElement>}
            />
          </div>
        </Card>
        <AutomationRunsCard />
      </Flex>
      {editing && <RuleParamsModal rule={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
