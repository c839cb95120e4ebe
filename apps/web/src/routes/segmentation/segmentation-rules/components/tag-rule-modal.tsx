import { TAG_DIMENSIONS, type TTagDefinition } from '@anxin/contracts';
import { App, Col, Form, Input, Modal, Row, Select, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateTagDefinition, useSegmentationFields, useUpdateTagDefinition } from '../../../../api/segmentation.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { ConditionBuilder } from '../../components/condition-builder.tsx';
import { conditionsOf, draftsOf, newDraft, type DraftCondition } from '../../components/condition-drafts.ts';
import { useSegmentationLabels, type TTagDimension } from '../../components/segmentation-labels.ts';

interface Values {
  code: string;
  dimension: TTagDimension;
  nameZh: string;
  nameEn: string;
}

const CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** Creates a tag rule, or edits one's names and conditions (code and dimension are fixed once created). */
export function TagRuleModal({ definition, onClose }: { definition: TTagDefinition | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const rules = useFormRules();
  const labels = useSegmentationLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const fields = useSegmentationFields();
  const create = useCreateTagDefinition();
  const update = useUpdateTagDefinition();
  const [drafts, setDrafts] = useState<DraftCondition[]>(() => (definition ? draftsOf(definition.conditions) : [newDraft()]));
  const [conditionsError, setConditionsError] = useState<string | null>(null);
  const problem = useFormProblem(form, { fields: ['code', 'dimension', 'nameZh', 'nameEn'], codeFields: { DUPLICATE: 'code' } });
  const english = i18n.language.startsWith('en');

  const submit = (values: Values) => {
    const conditions = conditionsOf(drafts);
    if (conditions === null || conditions.length === 0) {
      setConditionsError(conditions === null ? t('segmentation.builder.incomplete') : t('segmentation.rules.conditionsRequired'));
      return;
    }
    setConditionsError(null);
    const done = {
      onSuccess: (saved: TTagDefinition) => {
        void message.success(t('segmentation.rules.tagSaved', { name: english ? saved.nameEn : saved.nameZh }));
        onClose();
      },
      onError: problem.report,
    };
    if (definition) {
      update.mutate({ code: definition.code, body: { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), conditions, version: definition.version } }, done);
    } else {
      create.mutate({ code: values.code.trim(), dimension: values.dimension, nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), conditions }, done);
    }
  };

  return (
    <Modal
      open
      width={860}
      title={definition ? t('segmentation.rules.editTag', { name: english ? definition.nameEn : definition.nameZh }) : t('segmentation.rules.newTag')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'tag-rule-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="tag-rule-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={definition ? { code: definition.code, dimension: definition.dimension, nameZh: definition.nameZh, nameEn: definition.nameEn } : { code: '', dimension: 'need', nameZh: '', nameEn: '' }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t('segmentation.rules.tagCode')}
              rules={
                definition
                  ? []
                  : [
                      rules.required(t('segmentation.rules.tagCode')),
                      {
                        validator: async (_, v: string | undefined) => {
                          if (v && !CODE_PATTERN.test(v.trim())) throw new Error(t('segmentation.rules.codeRule'));
                        },
                      },
                    ]
              }
            >
              <Input disabled={Boolean(definition)} maxLength={40} className="anxin-mono" data-testid="tag-rule-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="dimension" label={t('segmentation.rules.tagDimension')} rules={[rules.requiredSelect(t('segmentation.rules.tagDimension'))]}>
              <Select disabled={Boolean(definition)} options={TAG_DIMENSIONS.map((d) => ({ value: d, label: labels.dimension(d) }))} data-testid="tag-rule-dimension" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameZh" label={t('segmentation.rules.tagNameZh')} rules={[rules.required(t('segmentation.rules.tagNameZh'))]}>
              <Input maxLength={40} data-testid="tag-rule-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('segmentation.rules.tagNameEn')} rules={[rules.required(t('segmentation.rules.tagNameEn'))]}>
              <Input maxLength={60} data-testid="tag-rule-name-en" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {t('segmentation.rules.tagConditions')}
      </Typography.Text>
      {fields.isError && <ProblemAlert error={fields.error} style={{ marginBottom: 12 }} />}
      <ConditionBuilder value={drafts} onChange={setDrafts} fields={fields.data} loading={fields.isPending} testId="tag-rule-condition" />
      {conditionsError && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }} data-testid="tag-rule-conditions-error">
          {conditionsError}
        </Typography.Text>
      )}
    </Modal>
  );
}
