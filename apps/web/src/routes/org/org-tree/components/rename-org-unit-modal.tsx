import type { TOrgUnit } from '@anxin/contracts';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateOrgUnit } from '../../../../api/org-units.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';

export function RenameOrgUnitModal({ unit, onClose }: { unit: TOrgUnit; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const update = useUpdateOrgUnit();
  const problem = useFormProblem(form, { fields: ['name'] });

  const onFinish = ({ name }: { name: string }) => {
    problem.clear();
    update.mutate(
      { id: unit.id, name: name.trim(), version: unit.version },
      {
        onSuccess: (updated) => {
          void message.success(t('org.renamed', { name: updated.name }));
          onClose();
        },
        onError: problem.report,
      },
    );
  };

  return (
    <Modal
      open
      title={t('org.renameTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ name: unit.name }}>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('org.name') }) },
            { max: 100, message: t('validation.nameLength') },
          ]}
        >
          <Input data-testid="org-form-name" maxLength={100} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
