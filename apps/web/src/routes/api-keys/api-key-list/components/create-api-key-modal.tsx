import type { TApiKeyScope, TCreateApiKeyRequest, TCreatedApiKey } from '@anxin/contracts';
import { API_KEY_SCOPES } from '@anxin/contracts';
import { Checkbox, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCreateApiKey } from '../../../../api/api-keys.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { OrgUnitTreeSelect } from '../../../../components/org-unit-tree-select.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { shanghaiStartOfNextDay, shanghaiToday } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

interface Values {
  name: string;
  scopes: TApiKeyScope[];
  orgUnitId?: string;
  expiresOn?: Dayjs | null;
}

/** Issues a key; the caller shows the returned secret once. */
export function CreateApiKeyModal({ onClose }: { onClose: (created?: TCreatedApiKey) => void }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const problem = useFormProblem(form, { fields: ['name', 'scopes', 'orgUnitId', 'expiresAt'] });
  const today = shanghaiToday();

  const onFinish = (values: Values) => {
    problem.clear();
    const body: TCreateApiKeyRequest = {
      name: values.name.trim(),
      scopes: values.scopes,
      ...(values.orgUnitId ? { orgUnitId: values.orgUnitId } : {}),
      // "Valid until" a day means through the end of that day in Shanghai.
      ...(values.expiresOn ? { expiresAt: shanghaiStartOfNextDay(values.expiresOn.format('YYYY-MM-DD')) } : {}),
    };
    create.mutate(body, { onSuccess: (created) => onClose(created), onError: problem.report });
  };

  return (
    <Modal
      open
      width={560}
      title={t('apiKeys.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit' }}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={create.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ scopes: [] }} data-testid="api-key-form">
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('apiKeys.name') }) },
            { max: 100, message: t('validation.nameLength') },
          ]}
        >
          <Input maxLength={100} placeholder={t('apiKeys.namePlaceholder')} data-testid="api-key-form-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="scopes" label={t('apiKeys.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.scopesRequired') }]}>
          <Checkbox.Group data-testid="api-key-form-scopes">
            <Flex vertical gap={4}>
              {API_KEY_SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope}>
                  {labels.apiKeyScope(scope)}{' '}
                  <Typography.Text type="secondary" className="anxin-mono">
                    {scope}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        {can(me, 'org:read') && (
          <Form.Item name="orgUnitId" label={t('apiKeys.orgUnit')} extra={t('apiKeys.orgUnitHelp')}>
            <OrgUnitTreeSelect allowClear placeholder={me.orgUnitName} testId="api-key-form-org-unit" />
          </Form.Item>
        )}
        <Form.Item name="expiresOn" label={t('apiKeys.expiresAt')} extra={t('apiKeys.expiresAtHelp')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.format('YYYY-MM-DD') < today} minDate={dayjs(today)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
