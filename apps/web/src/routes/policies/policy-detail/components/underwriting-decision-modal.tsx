import { UNDERWRITING_DECISIONS, type TPolicy, type TUnderwritingDecisionKind } from '@anxin/contracts';
import { Alert, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDecideApplication } from '../../../../api/underwriting.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';

interface DecisionValues {
  decision: TUnderwritingDecisionKind;
  premiumAdjustmentPct?: number | null;
  exclusions?: string;
  reason?: string;
}

/**
 * Decides an application: standard, preferential (a discount), conditional (a loading, exclusions or
 * both) or declined, with the reasons. The form shows the premium the decision sets; the server checks
 * what each decision needs (compulsory motor: standard only).
 */
export function UnderwritingDecisionModal({ policy, onClose }: { policy: TPolicy; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [form] = Form.useForm<DecisionValues>();
  const decide = useDecideApplication(policy.id);
  const problem = useFormProblem(form, { fields: ['decision', 'premiumAdjustmentPct', 'exclusions', 'reason'], codeFields: { POLICY_INVALID_STATUS_CHANGE: 'decision' } });
  const decision = Form.useWatch('decision', form) ?? 'standard';
  const adjustment = Form.useWatch('premiumAdjustmentPct', form) ?? 0;
  const compulsoryMotor = policy.product.line === 'motor_compulsory';
  const adjusts = decision === 'preferential' || decision === 'conditional';
  const premiumAfter = Math.round((policy.premiumFen * (100 + (adjusts ? adjustment : 0))) / 100);

  return (
    <Modal
      open
      title={t('underwriting.decideTitle', { policyNo: policy.policyNo })}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      okText={t('underwriting.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'underwriting-submit', danger: decision === 'declined' }}
    >
      {compulsoryMotor && <Alert type="info" showIcon title={t('underwriting.compulsoryMotor')} style={{ marginBottom: 16 }} />}
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'standard' }}
        onFinish={(values) =>
          decide.mutate(
            {
              version: policy.version,
              decision: values.decision,
              ...(adjusts && values.premiumAdjustmentPct ? { premiumAdjustmentPct: values.premiumAdjustmentPct } : {}),
              ...(values.decision === 'conditional' && values.exclusions?.trim() ? { exclusions: values.exclusions.trim() } : {}),
              ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
            },
            { onSuccess: onClose, onError: problem.report },
          )
        }
      >
        <Form.Item name="decision" label={t('underwriting.decision')}>
          <Radio.Group
            optionType="button"
            options={UNDERWRITING_DECISIONS.map((d) => ({ value: d, label: t(`underwriting.decisions.${d}`), disabled: compulsoryMotor && d !== 'standard' }))}
            data-testid="underwriting-decision"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t(`underwriting.decisionHints.${decision}`)}</Typography.Paragraph>
        {adjusts && (
          <Form.Item
            name="premiumAdjustmentPct"
            label={t(decision === 'preferential' ? 'underwriting.discountPct' : 'underwriting.loadingPct')}
            extra={t('underwriting.premiumAfter', { before: format.fen(policy.premiumFen), after: format.fen(premiumAfter) })}
          >
            <InputNumber min={decision === 'preferential' ? -50 : 0} max={decision === 'preferential' ? 0 : 300} step={5} precision={0} suffix="%" style={{ width: 160 }} data-testid="underwriting-adjustment" />
          </Form.Item>
        )}
        {decision === 'conditional' && (
          <Form.Item name="exclusions" label={t('underwriting.exclusions')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="underwriting-exclusions" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={decision === 'standard' ? t('common.optionalField', { field: t('underwriting.reason') }) : t('underwriting.reason')}
          rules={decision === 'standard' ? [{ max: 1000 }] : [{ required: true, whitespace: true, message: t('validation.required', { field: t('underwriting.reason') }) }, { min: 2, max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="underwriting-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
