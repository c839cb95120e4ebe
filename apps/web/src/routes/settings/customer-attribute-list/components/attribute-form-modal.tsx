import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ATTRIBUTE_TYPES, type TAttributeDefinition, type TAttributeOption, type TAttributeType } from '@anxin/contracts';
import { App, Button, Checkbox, Col, Flex, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateCustomerAttribute, useUpdateCustomerAttribute } from '../../../../api/customer-attributes.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useLabels } from '../../../../i18n/labels.ts';

interface AttributeValues {
  key: string;
  labelZh: string;
  labelEn: string;
  type: TAttributeType;
  options?: TAttributeOption[];
  required?: boolean;
  filterable?: boolean;
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** Defines a custom attribute, or changes its labels, options and flags (key and type are fixed once defined). */
export function AttributeFormModal({ definition, onClose }: { definition?: TAttributeDefinition; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<AttributeValues>();
  const create = useCreateCustomerAttribute();
  const update = useUpdateCustomerAttribute();
  const isEdit = Boolean(definition);
  const type = Form.useWatch('type', form) ?? definition?.type ?? 'text';
  const problem = useFormProblem(form, {
    fields: ['key', 'labelZh', 'labelEn', 'type', 'options', 'required', 'filterable', ...Array.from({ length: 100 }, (_, i) => [`options.${i}.value`, `options.${i}.labelZh`, `options.${i}.labelEn`]).flat()],
  });

  const onFinish = (values: AttributeValues) => {
    const options = values.type === 'enum' ? (values.options ?? []).map((o) => ({ value: o.value.trim(), labelZh: o.labelZh.trim(), labelEn: o.labelEn.trim() })) : undefined;
    const done = (saved: TAttributeDefinition) => {
      void message.success(t('customerAttributes.saved', { key: saved.key }));
      onClose();
    };
    if (definition) {
      update.mutate(
        {
          id: definition.id,
          version: definition.version,
          labelZh: values.labelZh.trim(),
          labelEn: values.labelEn.trim(),
          options,
          required: Boolean(values.required),
          filterable: Boolean(values.filterable),
        },
        { onSuccess: done, onError: problem.report },
      );
    } else {
      create.mutate(
        {
          key: values.key.trim(),
          labelZh: values.labelZh.trim(),
          labelEn: values.labelEn.trim(),
          type: values.type,
          options,
          required: Boolean(values.required),
          filterable: Boolean(values.filterable),
        },
        { onSuccess: done, onError: problem.report },
      );
    }
  };

  return (
    <Modal
      open
      width={720}
      title={isEdit ? t('customerAttributes.editTitle', { key: definition?.key }) : t('customerAttributes.createTitle')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'attribute-form-submit' }}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<AttributeValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          definition
            ? { ...definition }
            : { type: 'text', required: false, filterable: false, options: [] }
        }
        data-testid="attribute-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="key"
              label={t('customerAttributes.key')}
              extra={t('customerAttributes.keyHelp')}
              rules={[rules.required(t('customerAttributes.key')), { pattern: KEY_PATTERN, message: t('customerAttributes.keyPattern') }]}
            >
              <Input disabled={isEdit} maxLength={40} className="anxin-mono" data-testid="attribute-form-key" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('customerAttributes.type')} extra={isEdit ? t('customerAttributes.typeFixed') : undefined}>
              <Select disabled={isEdit} options={ATTRIBUTE_TYPES.map((ty) => ({ value: ty, label: labels.attributeType(ty) }))} data-testid="attribute-form-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labelZh" label={t('customerAttributes.labelZh')} rules={[rules.required(t('customerAttributes.labelZh')), { max: 60 }]}>
              <Input maxLength={60} data-testid="attribute-form-label-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labelEn" label={t('customerAttributes.labelEn')} rules={[rules.required(t('customerAttributes.labelEn')), { max: 60 }]}>
              <Input maxLength={60} data-testid="attribute-form-label-en" />
            </Form.Item>
          </Col>
        </Row>
        {type === 'enum' && (
          <>
            <Typography.Text strong>{t('customerAttributes.options')}</Typography.Text>
            <Form.List
              name="options"
              rules={[
                {
                  validator: async (_rule, options: TAttributeOption[] | undefined) => {
                    if (!options || options.length === 0) throw new Error(t('customerAttributes.optionsRequired'));
                  },
                },
              ]}
            >
              {(items, { add, remove }, { errors }) => (
                <div style={{ marginTop: 8 }}>
                  {items.map((item) => (
                    <Row gutter={8} key={item.key}>
                      <Col span={7}>
                        <Form.Item name={[item.name, 'value']} rules={[rules.required(t('customerAttributes.optionValue'))]}>
                          <Input placeholder={t('customerAttributes.optionValue')} maxLength={60} className="anxin-mono" data-testid={`attribute-form-option-value-${item.name}`} />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item name={[item.name, 'labelZh']} rules={[rules.required(t('customerAttributes.labelZh'))]}>
                          <Input placeholder={t('customerAttributes.labelZh')} maxLength={60} data-testid={`attribute-form-option-zh-${item.name}`} />
                        </Form.Item>
                      </Col>
                      <Col span={8}>
                        <Form.Item name={[item.name, 'labelEn']} rules={[rules.required(t('customerAttributes.labelEn'))]}>
                          <Input placeholder={t('customerAttributes.labelEn')} maxLength={60} data-testid={`attribute-form-option-en-${item.name}`} />
                        </Form.Item>
                      </Col>
                      <Col span={2}>
                        <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', labelZh: '', labelEn: '' })} data-testid="attribute-form-add-option">
                    {t('customerAttributes.addOption')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </div>
              )}
            </Form.List>
          </>
        )}
        <Flex gap={24} style={{ marginTop: 16 }}>
          <Form.Item name="required" valuePropName="checked" extra={t('customerAttributes.requiredHelp')}>
            <Checkbox data-testid="attribute-form-required">{t('customerAttributes.required')}</Checkbox>
          </Form.Item>
          <Form.Item name="filterable" valuePropName="checked" extra={t('customerAttributes.filterableHelp')}>
            <Checkbox data-testid="attribute-form-filterable">{t('customerAttributes.filterable')}</Checkbox>
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
