import type { TClaim } from '@anxin/contracts';
import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssignClaim, useClaimAssignees } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { ClaimFormModal } from './claim-form-modal.tsx';

/**
 * Gives the claim to an adjuster of its unit or above. The list comes from the claim itself (no
 * staff directory needed) and shows each adjuster's open claims, so the work can be spread evenly.
 */
export function AssignModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ assigneeId?: string }>();
  const assign = useAssignClaim(claim.id);
  const assignees = useClaimAssignees(claim.id);
  const problem = useFormProblem(form, { fields: ['assigneeId'] });

  return (
    <ClaimFormModal
      title={t('claims.dialogs.assignTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={assign.isPending}
      alertError={problem.alertError}
      submitTestId="claim-assign-submit"
      initialValues={{ assigneeId: claim.assignee?.id }}
      onClose={onClose}
      onFinish={(v) => assign.mutate({ assigneeId: v.assigneeId!, version: claim.version }, { onSuccess: onClose, onError: problem.report })}
    >
      <Typography.Paragraph type="secondary">
        {t('claims.dialogs.currentAssignee', { name: claim.assignee?.name ?? t('claims.unassigned') })}
      </Typography.Paragraph>
      {assignees.isError && <ProblemAlert error={assignees.error} style={{ marginBottom: 12 }} />}
      <Form.Item name="assigneeId" label={t('claims.assignee')} extra={t('claims.dialogs.assignHelp')} rules={[rules.requiredSelect(t('claims.assignee'))]}>
        <Select
          loading={assignees.isPending}
          showSearch
          optionFilterProp="label"
          options={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: t('claims.dialogs.assigneeOption', { name: a.name, unit: a.unitName, count: a.openClaims }) }))}
          data-testid="claim-assign-staff"
        />
      </Form.Item>
    </ClaimFormModal>
  );
}
