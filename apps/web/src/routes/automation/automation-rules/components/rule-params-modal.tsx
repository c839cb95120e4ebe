import type { TAutomationRule } from '@anxin/contracts';
import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateAutomationRule } from '../../../../api/automation.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { isFenParam, isParamValue, paramInputText, paramValueOf, type ParamValue } from './rule-params.ts';

/** Edits a rule's numeric parameters (numbers, lists of numbers, amounts in yuan). */
export function RuleParamsModal({ rule, onClose }: { rule: TAutomationRule; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ params: Record<string, string> }>();
  const update = useUpdateAutomationRule();
  const editable = Object.entries(rule.params).filter((entry): entry is [string, ParamValue] => isParamValue(entry[1]));
  const problem = useFormProblem(form, { fields: editable.map(([key]) => `params.${key}`) });

  const submit = (values: { params: Record<string, string> }) => {
    const params = Object.fromEntries(editable.map(([key, original]) => [key, paramValueOf(key, original, values.params[key] ?? '')!]));
    update.mutate(
      { code: rule.code, body: { params, version: rule.version } },
      {
        onSuccess: () => {
          void message.success(t('automation.saved'));
          onClose();
        },
        onError: problem.report,
      },
    );
  };

  return (
    <Modal
      open
      title={t('automation.paramsTitle', { name: labels.ruleName(rule.code) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'rule-params-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="rule-params-error" />}
      <Form<{ params: Record<string, string> }>
        form={form}
        layout="vertical"
        initialValues={{ params: Object.fromEntries(editable.map(([key, value]) => [key, paramInputText(key, value)])) }}
        onFinish={submit}
      >
        {editable.map(([key, original]) => {
          const label = labels.ruleParam(key);
          return (
            <Form.Item
              key={key}
              name={['params', key]}
              label={label}
              extra={Array.isArray(original) ? t('automation.numberListHelp') : undefined}
              rules={[
                rules.required(label),
                {
                  validator: async (_, text: string | undefined) => {
                    if (!text || paramValueOf(key, original, text) !== null) return;
                    throw new Error(Array.isArray(original) ? t('automation.numberListRule') : isFenParam(key) ? t('validation.yuan') : t('automation.numberListRule'));
                  },
                },
              ]}
            >
              <Input inputMode="decimal" prefix={isFenParam(key) ? '¥' : undefined} data-testid={`rule-param-${key}`} />
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
