import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { SURVEY_CONTEXTS, SURVEY_QUESTION_KINDS, type TSurveyQuestion, type TSurveyTemplate } from '@anxin/contracts';
import { App, Button, Card, Checkbox, Col, Flex, Form, Input, Modal, Row, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateSurveyTemplate, useUpdateSurveyTemplate } from '../../../../api/surveys.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';

type SurveyContext = TSurveyTemplate['context'];
type QuestionKind = TSurveyQuestion['kind'];

interface QuestionValues {
  key?: string;
  kind?: QuestionKind;
  required?: boolean;
  label?: { 'zh-CN'?: string; 'en-US'?: string };
  options?: { value?: string; label?: { 'zh-CN'?: string; 'en-US'?: string } }[];
}

interface TemplateValues {
  code?: string;
  name?: string;
  context?: SurveyContext;
  questions?: QuestionValues[];
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
const MAX_QUESTIONS = 20;
const MAX_OPTIONS = 10;

// Every field a server error can point at (`questions.3.options.1.label.en-US`), so it shows inline.
const FIELDS = [
  'code',
  'name',
  'context',
  ...Array.from({ length: MAX_QUESTIONS }, (_, i) => [
    `questions.${i}.key`,
    `questions.${i}.kind`,
    `questions.${i}.label.zh-CN`,
    `questions.${i}.label.en-US`,
    ...Array.from({ length: MAX_OPTIONS }, (_, j) => [`questions.${i}.options.${j}.value`, `questions.${i}.options.${j}.label.zh-CN`, `questions.${i}.options.${j}.label.en-US`]).flat(),
  ]).flat(),
];

const trim = (text: string | undefined) => (text ?? '').trim();

/** The questions as the API takes them: text trimmed, options only on choice questions. */
function questionsOf(values: QuestionValues[] | undefined): TSurveyQuestion[] {
  return (values ?? []).map((q) => ({
    key: trim(q.key),
    kind: q.kind!,
    required: Boolean(q.required),
    label: { 'zh-CN': trim(q.label?.['zh-CN']), 'en-US': trim(q.label?.['en-US']) },
    ...(q.kind === 'choice' ? { options: (q.options ?? []).map((o) => ({ value: trim(o.value), label: { 'zh-CN': trim(o.label?.['zh-CN']), 'en-US': trim(o.label?.['en-US']) } })) } : {}),
  }));
}

/** The survey template builder: code, name, context and a list of questions in both languages. */
export function SurveyTemplateModal({ template, onClose }: { template?: TSurveyTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateValues>();
  const create = useCreateSurveyTemplate();
  const update = useUpdateSurveyTemplate();
  const problem = useFormProblem(form, { fields: FIELDS });
  const questions = Form.useWatch('questions', form);

  const done = () => {
    void message.success(t('surveys.templates.saved'));
    onClose();
  };
  const submit = (v: TemplateValues) => {
    const qs = questionsOf(v.questions);
    if (template) update.mutate({ id: template.id, body: { name: trim(v.name), questions: qs, version: template.version } }, { onSuccess: done, onError: problem.report });
    else create.mutate({ code: trim(v.code), name: trim(v.name), context: v.context!, questions: qs }, { onSuccess: done, onError: problem.report });
  };

  const initialValues: TemplateValues = template
    ? { code: template.code, name: template.name, context: template.context, questions: template.questions }
    : { context: 'general', questions: [{ kind: 'csat', required: true, key: 'csat' }] };

  return (
    <Modal
      open
      width={860}
      title={template ? t('surveys.templates.editTitle', { name: template.name }) : t('surveys.templates.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'survey-template-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="survey-template-error" />}
      <Form<TemplateValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('surveys.templates.code')}
              extra={template ? undefined : t('surveys.templates.codeHelp')}
              rules={template ? [] : [rules.required(t('surveys.templates.code')), { pattern: CODE_PATTERN, message: t('surveys.templates.codeRule') }]}
            >
              <Input disabled={Boolean(template)} className="anxin-mono" maxLength={40} data-testid="survey-template-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('surveys.templates.name')} rules={[rules.required(t('surveys.templates.name'))]}>
              <Input maxLength={100} data-testid="survey-template-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="context" label={t('surveys.templates.context')} rules={[rules.requiredSelect(t('surveys.templates.context'))]}>
              <Select disabled={Boolean(template)} options={SURVEY_CONTEXTS.map((c) => ({ value: c, label: labels.surveyContext(c) }))} data-testid="survey-template-context" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List
          name="questions"
          rules={[
            {
              validator: async (_, value: QuestionValues[] | undefined) => {
                const qs = value ?? [];
                if (qs.length === 0) throw new Error(t('surveys.templates.questionsRequired'));
                const keys = qs.map((q) => trim(q.key)).filter(Boolean);
                if (new Set(keys).size !== keys.length) throw new Error(t('surveys.templates.keysUnique'));
                if (qs.filter((q) => q.kind === 'csat').length > 1 || qs.filter((q) => q.kind === 'nps').length > 1) throw new Error(t('surveys.templates.oneCsatNps'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('surveys.templates.question', { n: i + 1 })}
                  data-testid={`survey-question-${i}`}
                  extra={
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('surveys.templates.removeQuestion')} data-testid={`survey-question-${i}-remove`} />
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={[field.name, 'key']}
                        label={t('surveys.templates.key')}
                        rules={[rules.required(t('surveys.templates.key')), { pattern: KEY_PATTERN, message: t('surveys.templates.keyRule') }]}
                      >
                        <Input className="anxin-mono" maxLength={40} data-testid={`survey-question-${i}-key`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, 'kind']} label={t('surveys.templates.kind')} rules={[rules.requiredSelect(t('surveys.templates.kind'))]}>
                        <Select options={SURVEY_QUESTION_KINDS.map((k) => ({ value: k, label: labels.questionKind(k) }))} data-testid={`survey-question-${i}-kind`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'required']} label=" " valuePropName="checked">
                        <Checkbox data-testid={`survey-question-${i}-required`}>{t('surveys.templates.required')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'label', 'zh-CN']} label={t('surveys.templates.labelZh')} rules={[rules.required(t('surveys.templates.labelZh'))]}>
                        <Input maxLength={300} data-testid={`survey-question-${i}-label-zh`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'label', 'en-US']} label={t('surveys.templates.labelEn')} rules={[rules.required(t('surveys.templates.labelEn'))]}>
                        <Input maxLength={300} data-testid={`survey-question-${i}-label-en`} />
                      </Form.Item>
                    </Col>
                  </Row>
                  {questions?.[i]?.kind === 'choice' && (
                    <Form.List
                      name={[field.name, 'options']}
                      rules={[
                        {
                          validator: async (_, value: { value?: string }[] | undefined) => {
                            if ((value?.length ?? 0) < 2) throw new Error(t('surveys.templates.choiceOptions'));
                            const values = (value ?? []).map((o) => o?.value?.trim()).filter(Boolean);
                            if (new Set(values).size !== values.length) throw new Error(t('surveys.templates.optionValuesUnique'));
                          },
                        },
                      ]}
                    >
                      {(options, optionOps, { errors: optionErrors }) => (
                        <Flex vertical gap={4}>
                          <Typography.Text type="secondary">{t('surveys.templates.options')}</Typography.Text>
                          {options.map((option, j) => (
                            <Flex key={option.key} gap={8} align="flex-start" data-testid={`survey-question-${i}-option-${j}`}>
                              <Form.Item name={[option.name, 'value']} rules={[rules.required(t('surveys.templates.optionValue'))]} style={{ flex: 1, marginBottom: 8 }}>
                                <Input placeholder={t('surveys.templates.optionValue')} className="anxin-mono" maxLength={40} data-testid={`survey-question-${i}-option-${j}-value`} />
                              </Form.Item>
                              <Form.Item name={[option.name, 'label', 'zh-CN']} rules={[rules.required(t('surveys.templates.optionLabelZh'))]} style={{ flex: 2, marginBottom: 8 }}>
                                <Input placeholder={t('surveys.templates.optionLabelZh')} maxLength={100} data-testid={`survey-question-${i}-option-${j}-label-zh`} />
                              </Form.Item>
                              <Form.Item name={[option.name, 'label', 'en-US']} rules={[rules.required(t('surveys.templates.optionLabelEn'))]} style={{ flex: 2, marginBottom: 8 }}>
                                <Input placeholder={t('surveys.templates.optionLabelEn')} maxLength={100} data-testid={`survey-question-${i}-option-${j}-label-en`} />
                              </Form.Item>
                              <Button
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                onClick={() => optionOps.remove(option.name)}
                                aria-label={t('surveys.templates.removeOption')}
                                data-testid={`survey-question-${i}-option-${j}-remove`}
                              />
                            </Flex>
                          ))}
                          <Form.Item style={{ marginBottom: 0 }}>
                            {options.length < MAX_OPTIONS && (
                              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => optionOps.add({})} data-testid={`survey-question-${i}-add-option`}>
                                {t('surveys.templates.addOption')}
                              </Button>
                            )}
                            <Form.ErrorList errors={optionErrors} />
                          </Form.Item>
                        </Flex>
                      )}
                    </Form.List>
                  )}
                </Card>
              ))}
              <Form.Item>
                {fields.length < MAX_QUESTIONS && (
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: 'text', required: false })} data-testid="survey-question-add">
                    {t('surveys.templates.addQuestion')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
