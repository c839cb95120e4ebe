import { CLAIM_CLOCK_STATUTORY_DAYS, CLAIM_CLOCKS, PRODUCT_LINES, type TClaimClockRule, type TClaimSettings } from '@anxin/contracts';
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, type ButtonProps, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteClockRule, useSaveClockRule } from '../../../../api/claim-settings.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

type RuleValues = Pick<TClaimClockRule, 'line' | 'clock' | 'days' | 'warnDays' | 'source'>;

/** The statutory clocks: the company defaults and the product-line overrides, each within the law's limit. */
export function ClockRulesCard({ settings, canEdit }: { settings: TClaimSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const rules = useFormRules();
  const save = useSaveClockRule();
  const remove = useDeleteClockRule();
  const [editing, setEditing] = useState<TClaimClockRule | 'new' | null>(null);
  const [form] = Form.useForm<RuleValues>();
  const problem = useFormProblem(form, { fields: ['line', 'clock', 'days', 'warnDays', 'source'], codeFields: { DUPLICATE: 'line' } });
  const lineLabel = (line: string) => (line === '*' ? t('claims.settings.allLines') : labels.productLine(line as (typeof PRODUCT_LINES)[number]));
  const clock = Form.useWatch('clock', form);

  const open = (rule: TClaimClockRule | 'new') => {
    problem.clear();
    form.resetFields();
    form.setFieldsValue(rule === 'new' ? { line: 'medical', clock: 'determination', days: 30, warnDays: 5, source: '' } : rule);
    setEditing(rule);
  };

  const columns: TableColumnsType<TClaimClockRule> = [
    { title: t('claims.settings.line'), dataIndex: 'line', render: (line: string) => (line === '*' ? <Tag color="blue">{lineLabel(line)}</Tag> : lineLabel(line)) },
    { title: t('claims.settings.clock'), dataIndex: 'clock', render: (c: TClaimClockRule['clock']) => labels.claimClock(c) },
    { title: t('claims.settings.days'), dataIndex: 'days', render: (d: number, r) => t('claims.settings.daysOf', { days: d, max: CLAIM_CLOCK_STATUTORY_DAYS[r.clock] }) },
    { title: t('claims.settings.warnDays'), dataIndex: 'warnDays' },
    { title: t('claims.settings.source'), dataIndex: 'source', ellipsis: true },
    { title: t('claims.settings.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => format.dateTime(v) },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, r: TClaimClockRule) => (
              <Space size={4}>
                <Button size="small" onClick={() => open(r)} data-testid={`clock-rule-edit-${r.line}-${r.clock}`}>
                  {t('common.edit')}
                </Button>
                {r.line !== '*' && (
                  <Popconfirm title={t('claims.settings.removeConfirm')} onConfirm={() => remove.mutate({ line: r.line, clock: r.clock })}>
                    <Button size="small" danger>
                      {t('claims.settings.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('claims.settings.clocksTitle')}
      size="small"
      extra={
        canEdit && (
          <Button type="primary" size="small" onClick={() => open('new')} data-testid="clock-rule-add">
            {t('claims.settings.addOverride')}
          </Button>
        )
      }
      data-testid="clock-rules-card"
    >
      {remove.isError && <ProblemAlert error={remove.error} style={{ marginBottom: 12 }} />}
      <Table<TClaimClockRule> rowKey={(r) => `${r.line}:${r.clock}`} size="small" columns={columns} dataSource={settings.clockRules} pagination={false} scroll={{ x: 900 }} />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('claims.settings.addOverride') : t('claims.settings.editRule')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'clock-rule-submit' } as ButtonProps}
        destroyOnHidden
      >
        {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} />}
        <Form<RuleValues>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate(
              { line: v.line, clock: v.clock, days: v.days, warnDays: v.warnDays, source: v.source.trim(), ...(editing !== 'new' && editing ? { version: editing.version } : {}) },
              { onSuccess: () => setEditing(null), onError: problem.report },
            )
          }
        >
          <Form.Item name="line" label={t('claims.settings.line')}>
            <Select disabled={editing !== 'new'} options={PRODUCT_LINES.map((l) => ({ value: l, label: labels.productLine(l) }))} />
          </Form.Item>
          <Form.Item name="clock" label={t('claims.settings.clock')}>
            <Select disabled={editing !== 'new'} options={CLAIM_CLOCKS.map((c) => ({ value: c, label: labels.claimClock(c) }))} />
          </Form.Item>
          <Space>
            <Form.Item name="days" label={t('claims.settings.days')} extra={clock ? t('claims.settings.statutoryMax', { days: CLAIM_CLOCK_STATUTORY_DAYS[clock] }) : undefined} rules={[{ required: true, message: t('validation.required', { field: t('claims.settings.days') }) }]}>
              <InputNumber min={1} max={clock ? CLAIM_CLOCK_STATUTORY_DAYS[clock] : 365} precision={0} data-testid="clock-rule-days" />
            </Form.Item>
            <Form.Item name="warnDays" label={t('claims.settings.warnDays')} rules={[{ required: true, message: t('validation.required', { field: t('claims.settings.warnDays') }) }]}>
              <InputNumber min={0} max={60} precision={0} data-testid="clock-rule-warn-days" />
            </Form.Item>
          </Space>
          <Form.Item name="source" label={t('claims.settings.source')} extra={t('claims.settings.sourceHelp')} rules={[rules.required(t('claims.settings.source')), { max: 300 }]}>
            <Input.TextArea rows={2} maxLength={300} data-testid="clock-rule-source" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
