import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';

interface ClaimFormModalProps<V> {
  title: string;
  form: FormInstance<V>;
  pending: boolean;
  /** A failed submission's problem not shown on a field (from useFormProblem). */
  alertError: unknown;
  onFinish: (values: V) => void;
  onClose: () => void;
  submitTestId: string;
  okText?: string;
  danger?: boolean;
  initialValues?: Record<string, unknown>;
  width?: number;
  children: ReactNode;
}

/** The frame every claim dialog shares: a vertical form, the problem above it, save and cancel. */
export function ClaimFormModal<V>({ title, form, pending, alertError, onFinish, onClose, submitTestId, okText, danger, initialValues, width, children }: ClaimFormModalProps<V>) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={width}
      title={title}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, 'data-testid': submitTestId }}
      destroyOnHidden
    >
      {alertError !== null && <ProblemAlert error={alertError} style={{ marginBottom: 16 }} testId={`${submitTestId}-error`} />}
      <Form<V> form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues} disabled={pending}>
        {children}
      </Form>
    </Modal>
  );
}
