import type { TClaim } from '@anxin/contracts';
import { Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlagClaim } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ClaimFormModal } from './claim-form-modal.tsx';

/** Sets or clears the fraud-suspected flag (it takes the claim off the fast track), with a reason. */
export function FlagModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ fraudSuspected: boolean; reason: string }>();
  const flag = useFlagClaim(claim.id);
  const problem = useFormProblem(form, { fields: ['fraudSuspected', 'reason'] });

  return (
    <ClaimFormModal
      title={t('claims.dialogs.flagTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={flag.isPending}
      alertError={problem.alertError}
      submitTestId="claim-flag-submit"
      initialValues={{ fraudSuspected: !claim.fraudSuspected }}
      onClose={onClose}
      onFinish={(v) => flag.mutate({ fraudSuspected: v.fraudSuspected, reason: v.reason.trim(), version: claim.version }, { onSuccess: onClose, onError: problem.report })}
    >
      <Form.Item name="fraudSuspected" label={t('claims.badges.fraud')} valuePropName="checked" extra={t('claims.dialogs.flagHelp')}>
        <Switch data-testid="claim-flag-fraud" />
      </Form.Item>
      <Form.Item name="reason" label={t('claims.reason')} rules={[rules.required(t('claims.reason')), { min: 2, max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="claim-flag-reason" />
      </Form.Item>
    </ClaimFormModal>
  );
}
