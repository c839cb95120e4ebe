import type { TComplaint, TComplaintActionRequest } from '@anxin/contracts';
import { Alert, Form, Input, Modal, Radio, Select, Switch, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useComplaintAction } from '../../../../api/complaints.ts';
import { useOrgUnits } from '../../../../api/org-units.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { OrgUnitTreeSelect } from '../../../../components/org-unit-tree-select.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { StaffSelect } from '../../../../components/staff-select.tsx';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { parseYuanToFen } from '../../../../format.ts';
import { useComplaintLabels } from '../../components/complaint-labels.ts';

type Action = TComplaintActionRequest['action'];
type Values = Record<string, string | boolean | undefined>;

const FIELDS = ['facts', 'customerContacted', 'summary', 'assigneeId', 'toUnitId', 'reason', 'note', 'findings', 'responsibility', 'resolution', 'compensation', 'rootCause', 'customerToldVia', 'response', 'outcome'];

/** One dialog for every step of the procedure: the fields of its record, then the step is taken. */
export function ComplaintActionModal({ complaint, action, onClose }: { complaint: TComplaint; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const rules = useFormRules();
  const yuan = useYuanRule();
  const [form] = Form.useForm<Values>();
  const act = useComplaintAction(complaint.id);
  const units = useOrgUnits();
  // Transfer goes to another active unit of the caller's subtree; moving up is "escalate".
  const transferTargets = (units.data ?? []).filter((u) => u.status === 'active' && u.id !== complaint.orgUnit.id);
  const problem = useFormProblem(form, { fields: FIELDS, rename: (p) => (p === 'compensationFen' ? 'compensation' : p) });
  const text = (name: string, label: string, rows = 3, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [rules.required(label)] : []}>
      <Input.TextArea rows={rows} maxLength={3000} data-testid={`complaint-field-${name}`} />
    </Form.Item>
  );
  const s = (v: Values, k: string) => String(v[k] ?? '').trim();

  const bodyOf = (v: Values): TComplaintActionRequest => {
    const version = complaint.version;
    switch (action) {
      case 'verify':
        return { action, facts: s(v, 'facts'), customerContacted: Boolean(v.customerContacted), version };
      case 'register':
        return { action, summary: s(v, 'summary'), version };
      case 'transfer':
        return { action, toUnitId: s(v, 'toUnitId'), reason: s(v, 'reason'), version };
      case 'escalate':
      case 'withdraw':
      case 'reopen':
        return { action, reason: s(v, 'reason'), version };
      case 'coordinate':
        return { action, note: s(v, 'note'), version };
      case 'assign':
        return { action, assigneeId: s(v, 'assigneeId'), note: s(v, 'note') || undefined, version };
      case 'decide':
        return { action, findings: s(v, 'findings'), responsibility: s(v, 'responsibility') as 'company', resolution: s(v, 'resolution'), compensationFen: parseYuanToFen(s(v, 'compensation') || '0') ?? 0, rootCause: s(v, 'rootCause'), version };
      case 'extend':
        return { action, reason: s(v, 'reason'), customerToldVia: s(v, 'customerToldVia') as 'sms', version };
      case 'record_response':
        return { action, response: s(v, 'response') as 'accepts', note: s(v, 'note') || undefined, version };
      case 'decide_review':
        return { action, findings: s(v, 'findings'), outcome: s(v, 'outcome') as 'upheld', resolution: s(v, 'resolution'), version };
      case 'close':
        return { action, note: s(v, 'note') || undefined, version };
    }
  };

  return (
    <Modal
      open
      title={t('complaints.actionTitle', { action: labels.action(action), no: complaint.complaintNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={act.isPending}
      okText={labels.action(action)}
      okButtonProps={{ danger: action === 'withdraw', 'data-testid': 'complaint-action-submit' } as ButtonProps}
      destroyOnHidden
      width={620}
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ customerContacted: true, responsibility: 'company', customerToldVia: 'sms', response: 'accepts', outcome: 'upheld', compensation: '0.00' }}
        onFinish={(v) => act.mutate(bodyOf(v), { onSuccess: onClose, onError: problem.report })}
      >
        {action === 'verify' && (
          <>
            {text('facts', t('complaints.fields.facts'), 4)}
            <Form.Item name="customerContacted" label={t('complaints.fields.customerContacted')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        {action === 'register' && text('summary', t('complaints.fields.summary'))}
        {action === 'transfer' && (
          <>
            {units.isSuccess && transferTargets.length === 0 && (
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('complaints.fields.noTransferTarget')} data-testid="complaint-no-transfer-target" />
            )}
            <Form.Item name="toUnitId" label={t('complaints.fields.toUnit')} extra={t('complaints.fields.toUnitHelp')} rules={[rules.requiredSelect(t('complaints.fields.toUnit'))]}>
              <OrgUnitTreeSelect testId="complaint-field-toUnitId" disabledIds={[complaint.orgUnit.id]} />
            </Form.Item>
          </>
        )}
        {['transfer', 'escalate', 'extend', 'withdraw', 'reopen'].includes(action) && text('reason', t('complaints.fields.reason'), 2)}
        {action === 'extend' && (
          <Form.Item name="customerToldVia" label={t('complaints.fields.customerToldVia')} extra={t('complaints.fields.extendHelp', { days: complaint.extensionLevel === 0 ? 30 : 60 })}>
            <Select options={['phone', 'sms', 'letter', 'email'].map((v) => ({ value: v, label: t(`complaints.toldVia.${v as 'sms'}`) }))} />
          </Form.Item>
        )}
        {action === 'coordinate' && text('note', t('complaints.fields.note'))}
        {action === 'assign' && (
          <>
            <Form.Item name="assigneeId" label={t('complaints.fields.assignee')} extra={t('complaints.fields.assigneeHelp')} rules={[rules.requiredSelect(t('complaints.fields.assignee'))]}>
              <StaffSelect permission="complaint:handle" underUnitId={complaint.orgUnit.id} testId="complaint-field-assigneeId" />
            </Form.Item>
            {text('note', t('complaints.fields.note'), 2, false)}
          </>
        )}
        {(action === 'decide' || action === 'decide_review') && text('findings', t('complaints.fields.findings'), 3)}
        {action === 'decide' && (
          <Form.Item name="responsibility" label={t('complaints.fields.responsibility')}>
            <Select options={(['company', 'staff', 'customer', 'shared', 'none'] as const).map((v) => ({ value: v, label: t(`complaints.responsibility.${v}`) }))} data-testid="complaint-field-responsibility" />
          </Form.Item>
        )}
        {action === 'decide_review' && (
          <Form.Item name="outcome" label={t('complaints.fields.outcome')}>
            <Radio.Group options={(['upheld', 'changed'] as const).map((v) => ({ value: v, label: t(`complaints.outcome.${v}`) }))} />
          </Form.Item>
        )}
        {(action === 'decide' || action === 'decide_review') && text('resolution', t('complaints.fields.resolution'), 2)}
        {action === 'decide' && (
          <>
            <Form.Item name="compensation" label={t('complaints.fields.compensation')} rules={[yuan({ field: t('complaints.fields.compensation') })]}>
              <Input prefix="¥" inputMode="decimal" data-testid="complaint-field-compensation" />
            </Form.Item>
            {text('rootCause', t('complaints.fields.rootCause'), 2)}
          </>
        )}
        {action === 'record_response' && (
          <>
            <Form.Item name="response" label={t('complaints.fields.response')} extra={t('complaints.fields.responseHelp')}>
              <Radio.Group options={(['accepts', 'disputes'] as const).map((v) => ({ value: v, label: t(`complaints.response.${v}`) }))} data-testid="complaint-field-response" />
            </Form.Item>
            {text('note', t('complaints.fields.note'), 2, false)}
          </>
        )}
        {action === 'close' && text('note', t('complaints.fields.note'), 2, false)}
      </Form>
    </Modal>
  );
}
