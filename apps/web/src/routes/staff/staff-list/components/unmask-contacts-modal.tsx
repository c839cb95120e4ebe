import type { TStaff } from '@anxin/contracts';
import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnmaskStaff } from '../../../../api/staff.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';

/** Asks why the contact data is needed, then reads it unmasked (the server audits the read with that purpose). */
export function UnmaskContactsModal({ staff, onClose }: { staff: TStaff; onClose: (unmasked?: TStaff) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ purpose: string }>();
  const unmask = useUnmaskStaff();

  const onFinish = ({ purpose }: { purpose: string }) =>
    unmask.mutate({ id: staff.id, purpose: purpose.trim() }, { onSuccess: (result) => onClose(result) });

  return (
    <Modal
      open
      title={t('staff.unmaskTitle')}
      okText={t('staff.showContacts')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={unmask.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('staff.unmaskIntro')}</Typography.Paragraph>
      {unmask.isError && <ProblemAlert error={unmask.error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="purpose"
          label={t('staff.purpose')}
          rules={[
            { required: true, whitespace: true, message: t('validation.purposeLength') },
            { min: 2, max: 200, message: t('validation.purposeLength') },
          ]}
        >
          <Input.TextArea data-testid="staff-unmask-purpose" rows={3} maxLength={200} showCount placeholder={t('staff.purposePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
