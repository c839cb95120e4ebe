import type { TClaim, TClaimAction } from '@anxin/contracts';
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useClaimTransition } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { useClaimLabels } from '../../components/claim-labels.ts';
import { ClaimFormModal } from './claim-form-modal.tsx';

/** Moves the claim along its workflow (register, start assessment, …, withdraw, reopen) with a reason for the timeline. */
export function TransitionModal({ claim, action, onClose }: { claim: TClaim; action: TClaimAction; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const claimLabels = useClaimLabels();
  const [form] = Form.useForm<{ reason: string }>();
  const transition = useClaimTransition(claim.id);
  const problem = useFormProblem(form, { fields: ['reason'] });

  return (
    <ClaimFormModal
      title={t('claims.dialogs.transitionTitle', { action: claimLabels.action(action), claimNo: claim.claimNo })}
      form={form}
      pending={transition.isPending}
      alertError={problem.alertError}
      submitTestId="claim-transition-submit"
      okText={claimLabels.action(action)}
      danger={action === 'withdraw'}
      onClose={onClose}
      onFinish={(v) => transition.mutate({ action, reason: v.reason.trim(), version: claim.version }, { onSuccess: onClose, onError: problem.report })}
    >
      <Typography.Paragraph type="secondary">{t(`claims.dialogs.transitionHints.${action}`)}</Typography.Paragraph>
      <Form.Item name="reason" label={t('claims.reason')} rules={[rules.required(t('claims.reason')), { min: 2, max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="claim-transition-reason" />
      </Form.Item>
    </ClaimFormModal>
  );
}
