import type { TCustomer360, TUnmaskableCustomerField, TUnmaskedCustomer } from '@anxin/contracts';
import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnmaskCustomer } from '../../../../api/customers.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';

interface UnmaskValues {
  fields: TUnmaskableCustomerField[];
  purpose: string;
}

/**
 * Asks which sensitive fields are needed and why, then reads them in clear. The server records the
 * read with the purpose in the audit trail, and the dialog says so before the user confirms.
 */
export function UnmaskCustomerModal({ view, onClose }: { view: TCustomer360; onClose: (unmasked?: TUnmaskedCustomer) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UnmaskValues>();
  const unmask = useUnmaskCustomer();
  const c = view.customer;
  const available: TUnmaskableCustomerField[] = [
    ...(c.idNumber ? (['idNumber'] as const) : []),
    ...(view.contacts.length > 0 ? (['contacts'] as const) : []),
    ...(c.bankAccount ? (['bankAccount'] as const) : []),
    ...(c.healthNotes ? (['healthNotes'] as const) : []),
  ];

  const onFinish = ({ fields, purpose }: UnmaskValues) =>
    unmask.mutate({ id: c.id, fields, purpose: purpose.trim() }, { onSuccess: (result) => onClose(result) });

  return (
    <Modal
      open
      title={t('customer360.unmaskTitle', { name: c.name })}
      okText={t('customer360.unmaskConfirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={unmask.isPending}
      okButtonProps={{ 'data-testid': 'customer-unmask-confirm' }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('customer360.unmaskAudited')} style={{ marginBottom: 16 }} data-testid="customer-unmask-notice" />
      {unmask.isError && <ProblemAlert error={unmask.error} style={{ marginBottom: 16 }} testId="customer-unmask-error" />}
      <Form<UnmaskValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ fields: available.slice(0, 1) }} data-testid="customer-unmask-form">
        <Form.Item name="fields" label={t('customer360.unmaskFields')} rules={[{ required: true, type: 'array', min: 1, message: t('customer360.unmaskFieldsRequired') }]}>
          <Checkbox.Group
            options={available.map((field) => ({ value: field, label: <span data-testid={`customer-unmask-field-${field}`}>{t(`customer360.unmaskable.${field}`)}</span> }))}
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('customer360.purpose')}
          rules={[
            { required: true, whitespace: true, message: t('validation.purposeLength') },
            { min: 2, max: 200, message: t('validation.purposeLength') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('customer360.purposePlaceholder')} data-testid="customer-unmask-purpose" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('customer360.unmaskOnce')}</Typography.Text>
    </Modal>
  );
}
