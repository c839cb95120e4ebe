import type { TClaim } from '@anxin/contracts';
import { Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssignClaim } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { StaffSelect } from '../../../../components/staff-select.tsx';
import { can } from '../../../../permissions.ts';
import { ClaimFormModal } from './claim-form-modal.tsx';

/**
 * Gives the claim to a handler. Picking someone needs the staff directory (staff:read); a user
 * without it can only take the claim themselves.
 */
export function AssignModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ assigneeId?: string }>();
  const assign = useAssignClaim(claim.id);
  const problem = useFormProblem(form, { fields: ['assigneeId'] });
  const picks = can(me, 'staff:read');

  return (
    <ClaimFormModal
      title={t('claims.dialogs.assignTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={assign.isPending}
      alertError={problem.alertError}
      submitTestId="claim-assign-submit"
      okText={picks ? undefined : t('claims.dialogs.assignToMe')}
      initialValues={{ assigneeId: claim.assignee?.id }}
      onClose={onClose}
      onFinish={(v) => assign.mutate({ assigneeId: (picks ? v.assigneeId : undefined) ?? me.id, version: claim.version }, { onSuccess: onClose, onError: problem.report })}
    >
      <Typography.Paragraph type="secondary">
        {t('claims.dialogs.currentAssignee', { name: claim.assignee?.name ?? t('claims.unassigned') })}
      </Typography.Paragraph>
      {picks ? (
        <Form.Item name="assigneeId" label={t('claims.assignee')} extra={t('claims.dialogs.assignHelp')} rules={[rules.requiredSelect(t('claims.assignee'))]}>
          <StaffSelect role="claims_adjuster" allowClear={false} testId="claim-assign-staff" />
        </Form.Item>
      ) : (
        <Typography.Paragraph data-testid="claim-assign-self">{t('claims.dialogs.assignSelfOnly', { name: me.displayName })}</Typography.Paragraph>
      )}
    </ClaimFormModal>
  );
}
