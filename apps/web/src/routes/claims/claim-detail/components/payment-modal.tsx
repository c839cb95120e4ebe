import { CLAIM_PAYMENT_KINDS, type TClaim } from '@anxin/contracts';
import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordClaimPayment } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { fenToYuanText, parseYuanToFen, useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { ClaimFormModal } from './claim-form-modal.tsx';

interface PaymentValues {
  kind: (typeof CLAIM_PAYMENT_KINDS)[number];
  payeeName: string;
  bankAccount: string;
  /** Yuan, as typed; sent as fen. */
  amount: string;
}

/** Records a claim payment: an advance before approval, partial or final after (the final one pays exactly the rest and closes the claim). */
export function PaymentModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rules = useFormRules();
  const yuan = useYuanRule();
  const format = useFormat();
  const [form] = Form.useForm<PaymentValues>();
  const pay = useRecordClaimPayment(claim.id);
  const problem = useFormProblem(form, {
    fields: ['kind', 'payeeName', 'bankAccount', 'amount'],
    rename: (path) => (path === 'amountFen' ? 'amount' : path),
    codeFields: { CLAIM_PAYMENT_EXCEEDS: 'amount' },
  });
  // Before approval only an advance, up to what the adjustment has determined; once paying, partial or final (exactly the rest).
  const approved = claim.status === 'paying';
  const kinds = CLAIM_PAYMENT_KINDS.filter((k) => (approved ? k !== 'advance' : k === 'advance'));
  const ceilingFen = approved ? (claim.amountApprovedFen ?? 0) : claim.adjustment.reduce((sum, line) => sum + line.payableFen, 0);
  const outstandingFen = Math.max(0, ceilingFen - claim.amountPaidFen);

  return (
    <ClaimFormModal<PaymentValues>
      title={t('claims.dialogs.paymentTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={pay.isPending}
      alertError={problem.alertError}
      submitTestId="claim-payment-submit"
      initialValues={{
        kind: approved ? 'final' : 'advance',
        payeeName: claim.insuredName,
        amount: outstandingFen > 0 ? fenToYuanText(outstandingFen) : undefined,
      }}
      onClose={onClose}
      onFinish={(v) =>
        pay.mutate(
          { kind: v.kind, payeeName: v.payeeName.trim(), bankAccount: v.bankAccount.trim(), amountFen: parseYuanToFen(v.amount) ?? 0, version: claim.version },
          { onSuccess: onClose, onError: problem.report },
        )
      }
    >
      <Typography.Paragraph type="secondary" data-testid="claim-payment-outstanding">
        {approved
          ? t('claims.dialogs.paymentOutstanding', { approved: format.fen(ceilingFen), paid: format.fen(claim.amountPaidFen), outstanding: format.fen(outstandingFen) })
          : t('claims.dialogs.paymentAdvance', { determined: format.fen(ceilingFen), paid: format.fen(claim.amountPaidFen), outstanding: format.fen(outstandingFen) })}
      </Typography.Paragraph>
      <Form.Item name="kind" label={t('claims.payments.kind')}>
        <Select options={kinds.map((k) => ({ value: k, label: labels.claimPaymentKind(k) }))} data-testid="claim-payment-kind" />
      </Form.Item>
      <Form.Item name="payeeName" label={t('claims.payments.payee')} rules={[rules.required(t('claims.payments.payee')), { max: 50 }]}>
        <Input maxLength={50} data-testid="claim-payment-payee" />
      </Form.Item>
      <Form.Item
        name="bankAccount"
        label={t('claims.payments.bankAccount')}
        extra={t('claims.dialogs.bankAccountHelp')}
        rules={[rules.required(t('claims.payments.bankAccount')), { pattern: /^\d{12,30}$/, message: t('policies.bankAccountRule') }]}
      >
        <Input maxLength={30} inputMode="numeric" autoComplete="off" className="anxin-mono" data-testid="claim-payment-account" />
      </Form.Item>
      <Form.Item name="amount" label={t('claims.payments.amountYuan')} rules={[yuan({ required: true, positive: true, field: t('claims.payments.amount') })]}>
        <Input prefix="¥" inputMode="decimal" data-testid="claim-payment-amount" />
      </Form.Item>
    </ClaimFormModal>
  );
}
