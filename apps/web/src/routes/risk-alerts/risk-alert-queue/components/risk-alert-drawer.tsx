import { RISK_ALERT_DECISIONS, type TRiskAlert } from '@anxin/contracts';
import { Alert, App, Button, Descriptions, Divider, Drawer, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRiskAlert, useRiskAlertAction, type TRiskAlertDecision } from '../../../../api/risk-alerts.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { StaffSelect } from '../../../../components/staff-select.tsx';
import { useFormat } from '../../../../format.ts';
import { can } from '../../../../permissions.ts';
import { RISK_ALERT_KIND_COLORS, RISK_ALERT_STATUS_COLORS, useRiskAlertLabels } from './risk-alert-labels.ts';

/** One alert in a drawer: its figures and history, and (for risk_alert:work) assign, review and close. */
export function RiskAlertDrawer({ alert, onClose }: { alert: TRiskAlert | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={alert !== null} onClose={onClose} size={560} destroyOnHidden title={t('riskAlerts.detailTitle')} data-testid="risk-alert-drawer">
      {alert && <RiskAlertDetail row={alert} />}
    </Drawer>
  );
}

function RiskAlertDetail({ row }: { row: TRiskAlert }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRiskAlertLabels();
  const me = useCurrentUser();
  const query = useRiskAlert(row.id, row);
  const alert = query.data ?? row;
  const action = useRiskAlertAction(alert.id);
  const canWork = can(me, 'risk_alert:work');
  const isClosed = alert.status === 'closed';

  return (
    <Flex vertical gap={16} data-testid="risk-alert-detail" data-status={alert.status} data-version={alert.version}>
      {query.isError && <ProblemAlert error={query.error} />}
      {action.isError && <ProblemAlert error={action.error} testId="risk-alert-action-error" />}
      <Descriptions
        column={1}
        bordered
        size="small"
        styles={{ label: { width: 120 } }}
        items={[
          {
            key: 'customer',
            label: t('riskAlerts.customer'),
            children: <Link to={`/customers/${alert.customer.id}`}>{alert.customer.name}</Link>,
          },
          { key: 'kind', label: t('riskAlerts.kind'), children: <Tag color={RISK_ALERT_KIND_COLORS[alert.kind]}>{labels.kind(alert.kind)}</Tag> },
          { key: 'figures', label: t('riskAlerts.figures'), children: <span data-testid="risk-alert-detail-figures">{labels.figures(alert)}</span> },
          { key: 'period', label: t('riskAlerts.period'), children: <span className="anxin-mono">{alert.periodKey}</span> },
          { key: 'unit', label: t('riskAlerts.unit'), children: alert.unit.name },
          {
            key: 'status',
            label: t('riskAlerts.status'),
            children: (
              <Tag color={RISK_ALERT_STATUS_COLORS[alert.status]} data-testid="risk-alert-detail-status">
                {labels.status(alert.status)}
              </Tag>
            ),
          },
          {
            key: 'assignee',
            label: t('riskAlerts.assignee'),
            children: <span data-testid="risk-alert-detail-assignee">{alert.assignee?.name ?? t('riskAlerts.unassigned')}</span>,
          },
          { key: 'openedAt', label: t('riskAlerts.openedAt'), children: format.dateTime(alert.openedAt) },
          ...(isClosed
            ? [
                { key: 'decision', label: t('riskAlerts.decision'), children: alert.decision ? <span data-testid="risk-alert-detail-decision">{labels.decision(alert.decision)}</span> : t('common.none') },
                { key: 'note', label: t('riskAlerts.decisionNote'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{alert.decisionNote ?? t('common.none')}</span> },
                { key: 'closedAt', label: t('riskAlerts.closedAt'), children: `${format.dateTime(alert.closedAt)}${alert.closedBy ? ` · ${alert.closedBy}` : ''}` },
              ]
            : []),
        ]}
      />
      {isClosed && alert.decision === 'blacklist_proposed' && can(me, 'blacklist:read') && (
        <Alert
          type="warning"
          showIcon
          title={t('riskAlerts.blacklistNext')}
          action={
            <Link to={`/blacklist?customerId=${alert.customer.id}`} data-testid="risk-alert-request-blacklist">
              {t('riskAlerts.requestBlacklist')}
            </Link>
          }
        />
      )}
      {!canWork && <Typography.Text type="secondary">{t('riskAlerts.readOnly')}</Typography.Text>}
      {canWork && !isClosed && <RiskAlertActions alert={alert} action={action} />}
    </Flex>
  );
}

type ActionMutation = ReturnType<typeof useRiskAlertAction>;

function RiskAlertActions({ alert, action }: { alert: TRiskAlert; action: ActionMutation }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const labels = useRiskAlertLabels();
  const { message } = App.useApp();
  const [assignForm] = Form.useForm<{ assigneeId?: string }>();
  const [closeForm] = Form.useForm<{ decision?: TRiskAlertDecision; note: string }>();
  const closeProblem = useFormProblem(closeForm, { fields: ['decision', 'note'] });
  const pending = action.isPending ? action.variables?.action : undefined;

  return (
    <>
      <Divider titlePlacement="start" style={{ margin: 0 }}>
        {t('riskAlerts.assignTitle')}
      </Divider>
      <Form<{ assigneeId?: string }>
        form={assignForm}
        layout="inline"
        initialValues={{ assigneeId: alert.assignee?.id }}
        onFinish={(v) =>
          action.mutate({ action: 'assign', body: { assigneeId: v.assigneeId!, version: alert.version } }, { onSuccess: () => void message.success(t('riskAlerts.assigned')) })
        }
      >
        <Form.Item name="assigneeId" rules={[rules.requiredSelect(t('riskAlerts.assignTo'))]} style={{ flex: 1 }}>
          <StaffSelect placeholder={t('riskAlerts.assignTo')} permission="risk_alert:work" underUnitId={alert.unit.id} testId="risk-alert-assignee" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Button htmlType="submit" loading={pending === 'assign'} data-testid="risk-alert-assign">
            {t('riskAlerts.assign')}
          </Button>
        </Form.Item>
      </Form>
      {alert.status === 'open' && (
        <Flex>
          <Button
            onClick={() => action.mutate({ action: 'review', body: { version: alert.version } }, { onSuccess: () => void message.success(t('riskAlerts.reviewStarted')) })}
            loading={pending === 'review'}
            data-testid="risk-alert-review"
          >
            {t('riskAlerts.review')}
          </Button>
        </Flex>
      )}
      <Divider titlePlacement="start" style={{ margin: 0 }}>
        {t('riskAlerts.closeTitle')}
      </Divider>
      {closeProblem.alertError !== null && <ProblemAlert error={closeProblem.alertError} testId="risk-alert-close-error" />}
      <Form<{ decision?: TRiskAlertDecision; note: string }>
        form={closeForm}
        layout="vertical"
        onFinish={(v) =>
          action.mutate(
            { action: 'close', body: { decision: v.decision!, note: v.note.trim(), version: alert.version } },
            { onSuccess: () => void message.success(t('riskAlerts.closed')), onError: closeProblem.report },
          )
        }
      >
        <Form.Item name="decision" label={t('riskAlerts.decision')} rules={[rules.requiredSelect(t('riskAlerts.decision'))]}>
          <Select options={RISK_ALERT_DECISIONS.map((d) => ({ value: d, label: labels.decision(d) }))} data-testid="risk-alert-decision" />
        </Form.Item>
        <Form.Item name="note" label={t('riskAlerts.note')} rules={[rules.required(t('riskAlerts.note'))]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('riskAlerts.notePlaceholder')} data-testid="risk-alert-note" />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={pending === 'close'} data-testid="risk-alert-close">
          {t('riskAlerts.close')}
        </Button>
      </Form>
    </>
  );
}
