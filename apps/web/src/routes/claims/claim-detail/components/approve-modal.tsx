import type { TClaim } from '@anxin/contracts';
import { Alert, Descriptions, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApproveClaim } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { useFormat } from '../../../../format.ts';
import { ClaimFormModal } from './claim-form-modal.tsx';

/** Approves (核赔) the adjusted amount; the server checks the approver's authority for it. */
export function ApproveModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const format = useFormat();
  const [form] = Form.useForm<{ reason: string }>();
  const approve = useApproveClaim(claim.id);
  const problem = useFormProblem(form, { fields: ['reason'] });
  const adjustedFen = claim.adjustment.reduce((sum, line) => sum + line.payableFen, 0);

  return (
    <ClaimFormModal
      title={t('claims.dialogs.approveTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={approve.isPending}
      alertError={problem.alertError}
      submitTestId="claim-approve-submit"
      okText={t('claimEnums.action.approve')}
      onClose={onClose}
      onFinish={(v) => approve.mutate({ reason: v.reason.trim(), version: claim.version }, { onSuccess: onClose, onError: problem.report })}
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'claimed', label: t('claims.amountClaimed'), children: format.fen(claim.amountClaimedFen) },
          { key: 'adjusted', label: t('claims.adjustment.total'), children: <strong data-testid="claim-approve-amount">{format.fen(adjustedFen)}</strong> },
        ]}
      />
      {claim.adjustment.length === 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('claims.dialogs.approveNoAdjustment')} />}
      {claim.waitingPeriod?.incidentWithin && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('claims.detail.inWaitingPeriod', { days: claim.waitingPeriod.days, date: claim.waitingPeriod.endsOn })} data-testid="claim-approve-waiting-period" />
      )}
      <Form.Item name="reason" label={t('claims.dialogs.approveReason')} rules={[rules.required(t('claims.dialogs.approveReason')), { min: 2, max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="claim-approve-reason" />
      </Form.Item>
    </ClaimFormModal>
  );
}
