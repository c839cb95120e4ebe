import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { PAYMENT_FREQUENCIES, PAYMENT_METHODS, type TCustomerSummary, type TPaymentFrequency, type TPaymentMethod } from '@anxin/contracts';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useCustomer } from '../../../api/customers.ts';
import { useCreatePolicy } from '../../../api/policies.ts';
import { useProducts } from '../../../api/products.ts';
import { CustomerPicker } from '../../../components/customer-picker.tsx';
import { useFormProblem } from '../../../components/form-problem.ts';
import { OrgUnitTreeSelect } from '../../../components/org-unit-tree-select.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { StaffSelect } from '../../../components/staff-select.tsx';
import { useYuanRule } from '../../../components/yuan-rules.ts';
import { parseYuanToFen, shanghaiToday } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { can, picksColleagues } from '../../../permissions.ts';
import { BeneficiariesField, type BeneficiaryValues } from '../components/beneficiaries-field.tsx';
import { DateInput } from '../../../components/date-input.tsx';

interface PolicyValues {
  policyNo?: string;
  productId: string;
  policyholderId: string;
  insured: { customerId?: string }[];
  beneficiaries?: BeneficiaryValues[];
  /** Yuan, as typed; sent as fen. */
  sumInsured: string;
  premium: string;
  paymentFrequency: TPaymentFrequency;
  paymentMethod?: TPaymentMethod;
  effectiveOn: string;
  expiresOn: string;
  status: 'pending' | 'in_force';
  agentId?: string;
  orgUnitId?: string;
}

/** The last day of a term of `months` from `start` (one year when the product names none): the same day `months` later, less a day. */
function termEnd(start: string, months = 12): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const target = m - 1 + months;
  const year = y + Math.floor(target / 12);
  const month = target % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last) - 1)).toISOString().slice(0, 10);
}

const indexed = (prefix: string, names: string[]) => Array.from({ length: 20 }, (_, i) => names.map((n) => `${prefix}.${i}${n ? `.${n}` : ''}`)).flat();

/**
 * Enter a policy: product, policyholder, insured and beneficiaries (shares total 100%), amounts in
 * yuan (sent as integer fen, parsed from the typed decimal without floating point), dates and agent.
 */
export function PolicyCreatePage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const yuan = useYuanRule();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchParams] = useSearchParams();
  const products = useProducts({ active: 'true' });
  const create = useCreatePolicy();
  const [form] = Form.useForm<PolicyValues>();
  const [policyholder, setPolicyholder] = useState<TCustomerSummary | undefined>();
  const picksAgent = picksColleagues(me);
  const problem = useFormProblem(form, {
    fields: [
      'policyNo',
      'productId',
      'policyholderId',
      'insuredIds',
      'beneficiaries',
      'sumInsuredFen',
      'premiumFen',
      'paymentFrequency',
      'paymentMethod',
      'effectiveOn',
      'expiresOn',
      'status',
      'agentId',
      'orgUnitId',
      ...indexed('beneficiaries', ['customerId', 'sharePct']),
    ],
    codeFields: { POLICY_BENEFICIARY_SHARES: 'beneficiaries', POLICY_INVALID_DATES: 'expiresOn', PRODUCT_INACTIVE: 'productId' },
  });
  const productId = Form.useWatch('productId', form);
  const product = products.data?.find((p) => p.id === productId);
  const today = shanghaiToday();
  const presetCustomer = searchParams.get('customerId') ?? undefined;
  const preset = useCustomer(presetCustomer);
  const holder: Pick<TCustomerSummary, 'ownerAgentId' | 'ownerAgentName'> | undefined = policyholder ?? preset.data;

  // Without a staff picker the selling agent is the policyholder's owner agent (or the user, if an agent).
  const implicitAgentId = me.roles.includes('agent') ? me.id : (holder?.ownerAgentId ?? undefined);
  const implicitAgentName = me.roles.includes('agent') ? me.displayName : (holder?.ownerAgentName ?? undefined);

  const onFinish = (v: PolicyValues) => {
    const agentId = picksAgent ? v.agentId : implicitAgentId;
    if (!agentId) {
      form.setFields([{ name: 'policyholderId', errors: [t('policies.noAgent')] }]);
      return;
    }
    create.mutate(
      {
        policyNo: v.policyNo?.trim() || undefined,
        productId: v.productId,
        policyholderId: v.policyholderId,
        insuredIds: v.insured.map((i) => i.customerId!).filter(Boolean),
        beneficiaries: (v.beneficiaries ?? []).map((b) => ({ customerId: b.customerId!, sharePct: b.sharePct! })),
        // The rules above guarantee both parse.
        sumInsuredFen: parseYuanToFen(v.sumInsured)!,
        premiumFen: parseYuanToFen(v.premium)!,
        paymentFrequency: v.paymentFrequency,
        paymentMethod: v.paymentMethod,
        effectiveOn: v.effectiveOn,
        expiresOn: v.expiresOn,
        status: v.status,
        agentId,
        orgUnitId: v.orgUnitId,
      },
      {
        onSuccess: (policy) => {
          void message.success(t('policies.created', { policyNo: policy.policyNo }));
          void navigate(`/policies/${policy.id}`);
        },
        onError: problem.report,
      },
    );
  };

  return (
    <div data-testid="policy-create-page">
      <PageHeader title={t('policies.createTitle')} description={t('policies.createDescription')} />
      <Card>
        {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} testId="policy-form-error" />}
        <Form<PolicyValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          disabled={create.isPending}
          data-testid="policy-form"
          initialValues={{
            policyholderId: presetCustomer,
            insured: [{ customerId: presetCustomer }],
            beneficiaries: [],
            paymentFrequency: 'annual',
            effectiveOn: today,
            expiresOn: termEnd(today),
            status: 'in_force',
            agentId: me.roles.includes('agent') ? me.id : undefined,
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="productId" label={t('policies.product')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('policies.product') }) }]}>
                <Select
                  showSearch={{ optionFilterProp: ['label'] }}
                  loading={products.isPending}
                  options={(products.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.code}) · ${labels.productLine(p.line)}` }))}
                  data-testid="policy-form-product"
                  // The end date follows the product's usual term (a 20-year term life policy, not one year).
                  onChange={(id: string) => form.setFieldValue('expiresOn', termEnd(form.getFieldValue('effectiveOn') ?? today, products.data?.find((p) => p.id === id)?.termMonths ?? 12))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="policyNo" label={t('common.optionalField', { field: t('policies.policyNo') })} extra={t('policies.policyNoHelp')}>
                <Input maxLength={40} className="anxin-mono" data-testid="policy-form-policy-no" />
              </Form.Item>
            </Col>
          </Row>
          {product && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('policies.productTerms', {
                risk: product.riskLevel,
                waiting: product.waitingDays,
                coolingOff: product.coolingOffDays,
                coverages: product.coverages.map((c) => c.name).join(t('imports.listSeparator')),
              })}
            />
          )}

          <Divider titlePlacement="start" plain>
            {t('policies.parties')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="policyholderId" label={t('policies.policyholder')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('policies.policyholder') }) }]}>
                <CustomerPicker
                  testId="policy-form-policyholder"
                  onChange={(id, customer) => {
                    form.setFieldValue('policyholderId', id);
                    setPolicyholder(customer);
                    if (picksAgent && customer?.ownerAgentId && !form.getFieldValue('agentId')) form.setFieldValue('agentId', customer.ownerAgentId);
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('policies.insured')} required>
                <Form.List
                  name="insured"
                  rules={[
                    {
                      validator: async (_rule, value: { customerId?: string }[] | undefined) => {
                        if (!value || value.filter((i) => i.customerId).length === 0) throw new Error(t('validation.requiredSelect', { field: t('policies.insured') }));
                      },
                    },
                  ]}
                >
                  {(items, { add, remove }, { errors }) => (
                    <>
                      {items.map((item) => (
                        <Flex gap={8} key={item.key}>
                          <Form.Item name={[item.name, 'customerId']} style={{ flex: 1 }}>
                            <CustomerPicker testId={`policy-form-insured-${item.name}`} />
                          </Form.Item>
                          <Button type="text" icon={<MinusCircleOutlined />} disabled={items.length <= 1} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                        </Flex>
                      ))}
                      <Flex gap={8}>
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={items.length >= 20}>
                          {t('policies.addInsured')}
                        </Button>
                        <Button
                          type="link"
                          onClick={() => form.setFieldValue('insured', [{ customerId: form.getFieldValue('policyholderId') as string | undefined }])}
                          data-testid="policy-form-insured-same"
                        >
                          {t('policies.insuredSameAsPolicyholder')}
                        </Button>
                      </Flex>
                      <Form.ErrorList errors={errors} />
                    </>
                  )}
                </Form.List>
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label={t('policies.beneficiaries')} extra={t('policies.beneficiariesHelp')}>
                <BeneficiariesField name="beneficiaries" testIdPrefix="policy-form" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start" plain>
            {t('policies.terms')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="sumInsured" label={t('policies.sumInsuredYuan')} rules={[yuan({ required: true, field: t('policies.sumInsured') })]}>
                <Input prefix="¥" inputMode="decimal" data-testid="policy-form-sum-insured" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="premium" label={t('policies.premiumYuan')} extra={t('policies.premiumHelp')} rules={[yuan({ required: true, field: t('policies.premium') })]}>
                <Input prefix="¥" inputMode="decimal" data-testid="policy-form-premium" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="paymentFrequency" label={t('policies.paymentFrequency')}>
                <Select options={PAYMENT_FREQUENCIES.map((f) => ({ value: f, label: labels.paymentFrequency(f) }))} data-testid="policy-form-frequency" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="paymentMethod" label={t('common.optionalField', { field: t('policies.paymentMethod') })}>
                <Select allowClear options={PAYMENT_METHODS.map((m) => ({ value: m, label: labels.paymentMethod(m) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="effectiveOn" label={t('policies.effectiveOn')} rules={[{ required: true, message: t('validation.required', { field: t('policies.effectiveOn') }) }]}>
                <DateInput testId="policy-form-effective-on" onChange={(start) => start && form.setFieldValue('expiresOn', termEnd(start, product?.termMonths ?? 12))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="expiresOn"
                label={t('policies.expiresOn')}
                dependencies={['effectiveOn']}
                rules={[
                  { required: true, message: t('validation.required', { field: t('policies.expiresOn') }) },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: string | undefined) => {
                      const from = getFieldValue('effectiveOn') as string | undefined;
                      if (value && from && value <= from) throw new Error(t('policies.datesOrder'));
                    },
                  }),
                ]}
              >
                <DateInput testId="policy-form-expires-on" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('policies.status')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'in_force', label: labels.policyStatus('in_force') },
                    { value: 'pending', label: labels.policyStatus('pending') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start" plain>
            {t('policies.sales')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              {picksAgent ? (
                <Form.Item name="agentId" label={t('policies.agent')} extra={t('policies.agentHelp')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('policies.agent') }) }]}>
                  <StaffSelect role="agent" testId="policy-form-agent" />
                </Form.Item>
              ) : (
                <Form.Item label={t('policies.agent')} extra={t('policies.agentImplicit')}>
                  <Typography.Text data-testid="policy-form-agent">{implicitAgentName ?? t('common.none')}</Typography.Text>
                </Form.Item>
              )}
            </Col>
            {can(me, 'org:read') && (
              <Col xs={24} md={12}>
                <Form.Item name="orgUnitId" label={t('common.optionalField', { field: t('policies.orgUnit') })} extra={t('policies.orgUnitHelp')}>
                  <OrgUnitTreeSelect allowClear testId="policy-form-org-unit" />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Flex gap={8} justify="end">
            <Button onClick={() => void navigate('/policies')}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="policy-form-submit">
              {t('common.create')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </div>
  );
}
