import { DENIAL_NOTICE_CHANNELS, type TClaim } from '@anxin/contracts';
import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDenyClaim, useRecordDenialNotice } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { ClaimFormModal } from './claim-form-modal.tsx';

/** Denies the claim (拒赔) with the reason and the policy clause it rests on; the written notice is then due within 3 days. */
export function DenyModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ reason: string; clause: string }>();
  const deny = useDenyClaim(claim.id);
  const problem = useFormProblem(form, { fields: ['reason', 'clause'] });

  return (
    <ClaimFormModal
      title={t('claims.dialogs.denyTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={deny.isPending}
      alertError={problem.alertError}
      submitTestId="claim-deny-submit"
      okText={t('claimEnums.action.deny')}
      danger
      onClose={onClose}
      onFinish={(v) => deny.mutate({ reason: v.reason.trim(), clause: v.clause.trim(), version: claim.version }, { onSuccess: onClose, onError: problem.report })}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('claims.dialogs.denyNoticeDue')} />
      <Form.Item name="clause" label={t('claims.denialClause')} extra={t('claims.dialogs.clauseHelp')} rules={[rules.required(t('claims.denialClause')), { min: 2, max: 200 }]}>
        <Input maxLength={200} data-testid="claim-deny-clause" />
      </Form.Item>
      <Form.Item name="reason" label={t('claims.denialReason')} rules={[rules.required(t('claims.denialReason')), { min: 5, max: 1000 }]}>
        <Input.TextArea rows={4} maxLength={1000} data-testid="claim-deny-reason" />
      </Form.Item>
    </ClaimFormModal>
  );
}

/** Records that the written denial notice went out, and how; this stops the denial-notice clock. */
export function DenialNoticeModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<{ sentVia: (typeof DENIAL_NOTICE_CHANNELS)[number] }>();
  const record = useRecordDenialNotice(claim.id);
  const problem = useFormProblem(form, { fields: ['sentVia'] });

  return (
    <ClaimFormModal
      title={t('claims.dialogs.denialNoticeTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={record.isPending}
      alertError={problem.alertError}
      submitTestId="claim-denial-notice-submit"
      initialValues={{ sentVia: 'letter' }}
      onClose={onClose}
      onFinish={(v) => record.mutate({ sentVia: v.sentVia, version: claim.version }, { onSuccess: onClose, onError: problem.report })}
    >
      <Form.Item name="sentVia" label={t('claims.dialogs.sentVia')}>
        <Select options={DENIAL_NOTICE_CHANNELS.map((via) => ({ value: via, label: labels.denialNoticeVia(via) }))} data-testid="claim-denial-notice-via" />
      </Form.Item>
    </ClaimFormModal>
  );
}
