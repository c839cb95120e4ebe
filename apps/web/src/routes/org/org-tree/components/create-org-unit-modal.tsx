import type { TCreateOrgUnitRequest, TOrgLevel, TOrgUnit } from '@anxin/contracts';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateOrgUnit } from '../../../../api/org-units.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { ORG_CODE_PATTERN } from '../../../../validation.ts';

type Values = Pick<TCreateOrgUnitRequest, 'code' | 'name'>;

/** Opens a unit one level below `parent` (the level is not a choice: hq → province → city → outlet). */
export function CreateOrgUnitModal({ parent, level, onClose }: { parent: TOrgUnit; level: TOrgLevel; onClose: (created?: TOrgUnit) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrgUnit();
  const problem = useFormProblem(form, { fields: ['code', 'name'], codeFields: { DUPLICATE: 'code' } });

  const onFinish = (values: Values) => {
    problem.clear();
    create.mutate(
      { parentId: parent.id, level, code: values.code.trim(), name: values.name.trim() },
      {
        onSuccess: (unit) => {
          void message.success(t('org.created', { name: unit.name }));
          onClose(unit);
        },
        onError: problem.report,
      },
    );
  };

  return (
    <Modal
      open
      title={t('org.createTitle', { level: labels.orgLevel(level) })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={create.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="org-create-form">
        <Form.Item label={t('org.parent')}>
          <Input value={`${parent.name} (${parent.code})`} disabled />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          extra={t('org.codeHelp')}
          normalize={(value: string) => value.toUpperCase()}
          rules={[
            { required: true, message: t('validation.required', { field: t('org.code') }) },
            { pattern: ORG_CODE_PATTERN, message: t('validation.orgCode') },
          ]}
        >
          <Input data-testid="org-form-code" maxLength={32} className="anxin-mono" autoComplete="off" />
        </Form.Item>
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
