import { POLICY_STATUSES, type TPolicy, type TPolicyStatus } from '@anxin/contracts';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChangePolicyStatus } from '../../../../api/policies.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { DateInput } from '../../../../components/date-input.tsx';

interface StatusValues {
  status: TPolicyStatus;
  reason: string;
  effectiveOn?: string;
}

/** Moves a policy to another status with a reason; the server refuses transitions the rules do not allow. */
export function StatusChangeModal({ policy, onClose }: { policy: TPolicy; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<StatusValues>();
  const change = useChangePolicyStatus();
  const problem = useFormProblem(form, { fields: ['status', 'reason', 'effectiveOn'], codeFields: { POLICY_INVALID_STATUS_CHANGE: 'status' } });

  return (
    <Modal
      open
      title={t('policies.changeStatusTitle', { policyNo: policy.policyNo })}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'policy-status-submit' }}
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<StatusValues>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          change.mutate(
            { id: policy.id, version: policy.version, status: values.status, reason: values.reason.trim(), effectiveOn: values.effectiveOn || undefined },
            { onSuccess: onClose, onError: problem.report },
          )
        }
      >
        <Form.Item name="status" label={t('policies.newStatus')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('policies.newStatus') }) }]}>
          <Select
            options={POLICY_STATUSES.filter((s) => s !== policy.status).map((s) => ({ value: s, label: labels.policyStatus(s) }))}
            data-testid="policy-status-select"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('policies.reason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('policies.reason') }) },
            { min: 2, max: 500 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="policy-status-reason" />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('common.optionalField', { field: t('policies.effectiveOn') })}>
          <DateInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
