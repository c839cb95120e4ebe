import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_SEVERITIES, COMPLAINT_SUB_REASONS, type TComplaintCategory, type TCreateComplaintRequest } from '@anxin/contracts';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useIdempotencyKey } from '../../../components/use-idempotency-key.ts';
import { useClaims } from '../../../api/claims.ts';
import { useCreateComplaint } from '../../../api/complaints.ts';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { StaffSelect } from '../../../components/staff-select.tsx';
import { can, picksColleagues } from '../../../permissions.ts';
import { CustomerPicker } from '../../../components/customer-picker.tsx';
import { useFormProblem } from '../../../components/form-problem.ts';
import { useFormRules } from '../../../components/form-rules.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { instantOfShanghaiLocal, shanghaiLocalInputOf } from '../../../format.ts';
import { PolicySelect } from '../../claims/claim-intake/components/policy-select.tsx';
import { useComplaintLabels } from '../components/complaint-labels.ts';

interface Values {
  customerId?: string;
  channel: TCreateComplaintRequest['channel'];
  category: TComplaintCategory;
  subReason?: string;
  severity: 'normal' | 'serious' | 'critical';
  collective: boolean;
  representatives?: number;
  regulatorRef?: string;
  policyId?: string;
  claimId?: string;
  staffConcernedId?: string;
  subject: string;
  description: string;
  demand?: string;
  receivedAt: string;
}

const FIELDS = ['customerId', 'channel', 'category', 'subReason', 'severity', 'collective', 'representatives', 'regulatorRef', 'policyId', 'claimId', 'staffConcernedId', 'subject', 'description', 'demand', 'receivedAt'];

/** Register a complaint (投诉登记) from any channel: who, what about, how serious, in the customer's own words. */
export function ComplaintIntakePage() {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const rules = useFormRules();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const create = useCreateComplaint();
  const { key, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: FIELDS });
  const category = Form.useWatch('category', form);
  const channel = Form.useWatch('channel', form);
  const collective = Form.useWatch('collective', form);
  const customerId = Form.useWatch('customerId', form);
  const now = shanghaiLocalInputOf(new Date());
  const me = useCurrentUser();
  const canReadClaims = can(me, 'claim:read');
  // The customer's claims, to link a claims complaint to the claim it is about.
  const claims = useClaims({ customerId, sort: '-reportedAt' }, { enabled: Boolean(customerId) && canReadClaims });

  const onFinish = (v: Values) =>
    create.mutate(
      {
        body: {
          customerId: v.customerId!,
          channel: v.channel,
          category: v.category,
          subReason: v.subReason!,
          severity: v.severity,
          collective: v.collective,
          representatives: v.collective ? v.representatives : undefined,
          regulatorRef: v.regulatorRef?.trim() || undefined,
          policyId: v.policyId,
          claimId: v.claimId,
          staffConcernedId: v.staffConcernedId,
          subject: v.subject.trim(),
          description: v.description.trim(),
          demand: v.demand?.trim() || undefined,
          receivedAt: instantOfShanghaiLocal(v.receivedAt),
        },
        idempotencyKey: key,
      },
      {
        onSuccess: (c) => {
          void message.success(t('complaints.intake.registered', { no: c.complaintNo }));
          void navigate(`/complaints/${c.id}`);
        },
        onError: (error) => {
          problem.report(error);
          renewAfter(error);
        },
      },
    );

  return (
    <div data-testid="complaint-intake-page">
      <PageHeader title={t('complaints.intake.title')} description={t('complaints.intake.intro')} />
      <Card>
        {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} testId="complaint-intake-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          disabled={create.isPending}
          initialValues={{ customerId: params.get('customerId') ?? undefined, channel: 'hotline', category: 'claims', severity: 'normal', collective: false, receivedAt: now }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="customerId" label={t('complaints.customer')} rules={[rules.requiredSelect(t('complaints.customer'))]}>
                <CustomerPicker testId="complaint-customer" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('complaints.channel')}>
                <Select options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))} data-testid="complaint-channel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="receivedAt" label={t('complaints.receivedAt')} extra={t('complaints.intake.receivedAtHelp')} rules={[rules.required(t('complaints.receivedAt'))]}>
                <Input type="datetime-local" max={now} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t('complaints.category')}>
                <Select options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} onChange={() => form.setFieldValue('subReason', undefined)} data-testid="complaint-category" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="subReason" label={t('complaints.subReason')} rules={[rules.requiredSelect(t('complaints.subReason'))]}>
                <Select options={(COMPLAINT_SUB_REASONS[category ?? 'other'] ?? []).map((r) => ({ value: r, label: labels.subReason(r) }))} data-testid="complaint-sub-reason" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="severity" label={t('complaints.severity')} extra={t('complaints.intake.severityHelp')}>
                <Select options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: labels.severity(s) }))} data-testid="complaint-severity" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="policyId" label={t('common.optionalField', { field: t('complaints.policy') })}>
                <PolicySelect customerId={customerId} testId="complaint-policy" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="claimId" label={t('common.optionalField', { field: t('complaints.claim') })}>
                <Select
                  allowClear
                  disabled={!customerId || !canReadClaims}
                  loading={claims.isFetching}
                  options={(claims.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({ value: c.id, label: `${c.claimNo} · ${c.policyNo}` }))}
                  data-testid="complaint-claim"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="collective" label={t('complaints.collective')} valuePropName="checked">
                <Switch data-testid="complaint-collective" />
              </Form.Item>
            </Col>
            {collective && (
              <Col xs={12} md={4}>
                <Form.Item name="representatives" label={t('complaints.representatives')} extra={t('complaints.intake.representativesHelp')} rules={[{ required: true, message: t('validation.required', { field: t('complaints.representatives') }) }]}>
                  <InputNumber min={1} max={5} precision={0} />
                </Form.Item>
              </Col>
            )}
            {channel === 'regulator' && (
              <Col xs={24} md={8}>
                <Form.Item name="regulatorRef" label={t('complaints.regulatorRef')} rules={[rules.required(t('complaints.regulatorRef')), { max: 60 }]}>
                  <Input maxLength={60} data-testid="complaint-regulator-ref" />
                </Form.Item>
              </Col>
            )}
          </Row>
          {picksColleagues(me) && (
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="staffConcernedId" label={t('common.optionalField', { field: t('complaints.staffConcerned') })} extra={t('complaints.intake.staffHelp')}>
                  <StaffSelect allowClear testId="complaint-staff" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="subject" label={t('complaints.subject')} rules={[rules.required(t('complaints.subject')), { max: 120 }]}>
            <Input maxLength={120} data-testid="complaint-subject" />
          </Form.Item>
          <Form.Item name="description" label={t('complaints.description')} extra={t('complaints.intake.descriptionHelp')} rules={[rules.required(t('complaints.description')), { max: 5000 }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="complaint-description" />
          </Form.Item>
          <Form.Item name="demand" label={t('common.optionalField', { field: t('complaints.demand') })} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="complaint-demand" />
          </Form.Item>
          <Flex gap={8} justify="end">
            <Button onClick={() => void navigate('/complaints')}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="complaint-submit">
              {t('complaints.intake.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </div>
  );
}
