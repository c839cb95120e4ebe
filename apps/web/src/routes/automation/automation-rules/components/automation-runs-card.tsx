import { AUTOMATION_RULES, type TAutomationRuleCode, type TAutomationRun } from '@anxin/contracts';
import { Card, Flex, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAutomationRuns } from '../../../../api/automation.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { useFormat } from '../../../../format.ts';

const runKey = (r: TAutomationRun) => `${r.ruleCode}-${r.customerId}-${r.periodKey}`;

/** What the rules did lately: for which customer, for which period, why, and what they created. */
export function AutomationRunsCard() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const [ruleCode, setRuleCode] = useState<TAutomationRuleCode | undefined>();
  const runs = useAutomationRuns({ ruleCode, limit: 100 });

  const columns: TableColumnsType<TAutomationRun> = [
    { title: t('automation.rule'), dataIndex: 'ruleCode', render: (_, r) => labels.ruleName(r.ruleCode) },
    {
      title: t('automation.runs.customer'),
      dataIndex: 'customerId',
      render: (id: string, r) => (
        <Link to={`/customers/${id}`} title={t('automation.runs.openCustomer')}>
          {r.customerName}
        </Link>
      ),
    },
    { title: t('automation.runs.firedAt'), dataIndex: 'firedAt', render: (at: string) => format.dateTime(at) },
    { title: t('automation.runs.reason'), dataIndex: 'reason', render: (_, r) => labels.runReason(r) },
    {
      title: t('automation.runs.actions'),
      key: 'actions',
      render: (_, r) => (
        <Flex gap={4} wrap>
          {r.actions.map((a, i) => (
            <Tag key={`${a.kind}-${a.id ?? i}`}>
              {a.id && a.kind === 'visit' ? <Link to={`/visits/${a.id}`}>{labels.runAction(a.kind)}</Link> : labels.runAction(a.kind)}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={t('automation.runs.title')}
      extra={
        <Select
          allowClear
          placeholder={t('automation.runs.allRules')}
          value={ruleCode}
          onChange={(v) => setRuleCode(v ?? undefined)}
          options={AUTOMATION_RULES.map((code) => ({ value: code, label: labels.ruleName(code) }))}
          style={{ minWidth: 200 }}
          data-testid="automation-runs-rule"
        />
      }
    >
      {runs.isError && <ProblemAlert error={runs.error} style={{ marginBottom: 12 }} testId="automation-runs-error" />}
      <div data-testid="automation-runs-table">
        <Table<TAutomationRun>
          rowKey={runKey}
          size="small"
          columns={columns}
          dataSource={runs.data?.items ?? []}
          loading={runs.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('automation.runs.empty') }}
          onRow={(r) => ({ 'data-testid': `automation-run-${runKey(r)}`, 'data-rule': r.ruleCode }) as HTMLAttributes<HTMLElement>}
        />
      </div>
    </Card>
  );
}
