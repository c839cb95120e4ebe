import { BLACKLIST_REASONS } from '@anxin/contracts';
import { App, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRequestBlacklistEntry, type TBlacklistReason } from '../../../../api/blacklist.ts';
import { useIdempotencyKey } from '../../../../components/use-idempotency-key.ts';
import { CustomerPicker } from '../../../../components/customer-picker.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { shanghaiToday } from '../../../../format.ts';
import { useBlacklistLabels } from './blacklist-labels.ts';
import { DateInput } from '../../../../components/date-input.tsx';

interface RequestValues {
  customerId?: string;
  reason?: TBlacklistReason;
  detail: string;
  evidence: string;
  startsOn: string;
  expiresOn?: string;
}

/** Requests a blacklist entry for a customer; it takes effect once someone else approves it. */
export function RequestBlacklistModal({ customerId, onClose }: { customerId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const labels = useBlacklistLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<RequestValues>();
  const request = useRequestBlacklistEntry();
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: ['customerId', 'reason', 'detail', 'evidence', 'startsOn', 'expiresOn'] });
  return (
    <Modal
      open
      title={t('blacklist.requestTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('blacklist.requestSubmit')}
      confirmLoading={request.isPending}
      okButtonProps={{ 'data-testid': 'blacklist-request-submit' } as ButtonProps}
      width={620}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('blacklist.fourEyes')}
      </Typography.Paragraph>
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="blacklist-request-error" />}
      <Form<RequestValues>
        form={form}
        layout="vertical"
        initialValues={{ customerId, startsOn: shanghaiToday() }}
        onFinish={(v) =>
          request.mutate(
            {
              body: {
                customerId: v.customerId!,
                reason: v.reason!,
                detail: v.detail.trim(),
                evidence: v.evidence.trim(),
                startsOn: v.startsOn,
                expiresOn: v.expiresOn || undefined,
              },
              idempotencyKey,
            },
            {
              onSuccess: () => {
                void message.success(t('blacklist.requested'));
                onClose();
              },
              onError: (error) => { problem.report(error); renewAfter(error); },
            },
          )
        }
      >
        <Form.Item name="customerId" label={t('blacklist.customer')} rules={[rules.requiredSelect(t('blacklist.customer'))]}>
          <CustomerPicker testId="blacklist-request-customer" />
        </Form.Item>
        <Form.Item name="reason" label={t('blacklist.reason')} rules={[rules.requiredSelect(t('blacklist.reason'))]}>
          <Select options={BLACKLIST_REASONS.map((r) => ({ value: r, label: labels.reason(r) }))} data-testid="blacklist-request-reason" />
        </Form.Item>
        <Form.Item name="detail" label={t('blacklist.detail')} rules={[rules.required(t('blacklist.detail'))]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="blacklist-request-detail" />
        </Form.Item>
        <Form.Item name="evidence" label={t('blacklist.evidence')} extra={t('blacklist.evidenceHelp')} rules={[rules.required(t('blacklist.evidence'))]}>
          <Input.TextArea rows={2} maxLength={1000} showCount data-testid="blacklist-request-evidence" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('blacklist.startsOn')} rules={[rules.required(t('blacklist.startsOn'))]}>
          <DateInput testId="blacklist-request-starts" />
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t('blacklist.expiresOn')}
          extra={t('blacklist.expiresOnHelp')}
          dependencies={['startsOn']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                const startsOn = getFieldValue('startsOn') as string | undefined;
                // Dates as YYYY-MM-DD compare correctly as text.
                if (typeof value === 'string' && value !== '' && startsOn && value <= startsOn) throw new Error(t('blacklist.expiresAfterStart'));
              },
            }),
          ]}
        >
          <DateInput testId="blacklist-request-expires" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
