import { ENDORSEMENT_TYPES, PAYMENT_METHODS, type TCreateEndorsementRequest, type TEndorsementType, type TPaymentMethod, type TPolicy } from '@anxin/contracts';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateEndorsement } from '../../../../api/policies.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { parseYuanToFen, shanghaiToday } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { BeneficiariesField, type BeneficiaryValues } from '../../components/beneficiaries-field.tsx';
import { DateInput } from '../../../../components/date-input.tsx';

interface EndorsementValues {
  type: TEndorsementType;
  effectiveOn: string;
  reason: string;
  newAddress?: string;
  beneficiaries?: BeneficiaryValues[];
  paymentMethod?: TPaymentMethod;
  bankAccount?: string;
  surrenderValue?: string;
  description?: string;
}

/** Records an endorsement (保全): address, beneficiary or payment-method change, surrender, or other. */
export function EndorsementModal({ policy, onClose }: { policy: TPolicy; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const yuan = useYuanRule();
  const [form] = Form.useForm<EndorsementValues>();
  const create = useCreateEndorsement(policy.id);
  const type = Form.useWatch('type', form) ?? 'address_change';
  const problem = useFormProblem(form, {
    fields: ['type', 'effectiveOn', 'reason', 'newAddress', 'beneficiaries', 'paymentMethod', 'bankAccount', 'surrenderValueFen', 'description'],
    codeFields: { POLICY_BENEFICIARY_SHARES: 'beneficiaries', POLICY_INVALID_STATUS_CHANGE: 'type' },
  });

  const onFinish = (v: EndorsementValues) => {
    const base = { effectiveOn: v.effectiveOn, reason: v.reason.trim(), version: policy.version };
    let body: TCreateEndorsementRequest;
    switch (v.type) {
      case 'address_change':
        body = { type: 'address_change', ...base, newAddress: (v.newAddress ?? '').trim() };
        break;
      case 'beneficiary_change':
        body = { type: 'beneficiary_change', ...base, beneficiaries: (v.beneficiaries ?? []).map((b) => ({ customerId: b.customerId!, sharePct: b.sharePct! })) };
        break;
      case 'payment_method_change':
        body = { type: 'payment_method_change', ...base, paymentMethod: v.paymentMethod!, bankAccount: v.bankAccount?.trim() || undefined };
        break;
      case 'surrender':
        body = { type: 'surrender', ...base, surrenderValueFen: parseYuanToFen(v.surrenderValue) ?? 0 };
        break;
      default:
        body = { type: 'other', ...base, description: (v.description ?? '').trim() };
    }
    create.mutate(body, { onSuccess: onClose, onError: problem.report });
  };

  const currentBeneficiaries = policy.parties.filter((p) => p.role === 'beneficiary').map((p) => ({ customerId: p.customerId, sharePct: p.sharePct ?? undefined }));

  return (
    <Modal
      open
      width={640}
      title={t('policies.addEndorsementTitle', { policyNo: policy.policyNo })}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'endorsement-submit' }}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<EndorsementValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ type: 'address_change', effectiveOn: shanghaiToday(), beneficiaries: currentBeneficiaries, paymentMethod: policy.paymentMethod ?? 'bank_transfer' }}
      >
        <Form.Item name="type" label={t('policies.endorsementType')}>
          <Select options={ENDORSEMENT_TYPES.map((ty) => ({ value: ty, label: labels.endorsementType(ty) }))} data-testid="endorsement-type" />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('policies.effectiveOn')} rules={[{ required: true, message: t('validation.required', { field: t('policies.effectiveOn') }) }]}>
          <DateInput testId="endorsement-effective-on" />
        </Form.Item>
        {type === 'address_change' && (
          <Form.Item name="newAddress" label={t('policies.newAddress')} rules={[{ required: true, whitespace: true, min: 4, max: 300, message: t('policies.newAddressRule') }]}>
            <Input.TextArea rows={2} maxLength={300} data-testid="endorsement-new-address" />
          </Form.Item>
        )}
        {type === 'beneficiary_change' && (
          <Form.Item label={t('policies.beneficiaries')}>
            <BeneficiariesField name="beneficiaries" testIdPrefix="endorsement" />
          </Form.Item>
        )}
        {type === 'payment_method_change' && (
          <>
            <Form.Item name="paymentMethod" label={t('policies.paymentMethod')}>
              <Select options={PAYMENT_METHODS.map((m) => ({ value: m, label: labels.paymentMethod(m) }))} />
            </Form.Item>
            <Form.Item
              name="bankAccount"
              label={t('common.optionalField', { field: t('customers.bankAccount') })}
              extra={t('policies.bankAccountHelp')}
              rules={[{ pattern: /^\d{12,30}$/, message: t('policies.bankAccountRule') }]}
            >
              <Input maxLength={30} inputMode="numeric" autoComplete="off" className="anxin-mono" />
            </Form.Item>
          </>
        )}
        {type === 'surrender' && (
          <Form.Item name="surrenderValue" label={t('policies.surrenderValueYuan')} rules={[yuan({ required: true, field: t('policies.surrenderValue') })]}>
            <Input prefix="¥" inputMode="decimal" data-testid="endorsement-surrender-value" />
          </Form.Item>
        )}
        {type === 'other' && (
          <Form.Item name="description" label={t('policies.changeDescription')} rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: t('validation.required', { field: t('policies.changeDescription') }) }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('policies.reason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('policies.reason') }) },
            { min: 2, max: 500 },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="endorsement-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
