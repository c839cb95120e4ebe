import { CLAIM_CHANNELS } from '@anxin/contracts';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Input, Row, Select, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useReportClaim } from '../../../api/claims.ts';
import { useIdempotencyKey } from '../../../components/use-idempotency-key.ts';
import { usePolicy } from '../../../api/policies.ts';
import { useFormProblem } from '../../../components/form-problem.ts';
import { useFormRules } from '../../../components/form-rules.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useYuanRule } from '../../../components/yuan-rules.ts';
import { shanghaiLocalInputOf } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { INTAKE_FIELDS, incidentKindOf, intakeFieldOf, PHONE, reportRequestOf, type IntakeValues } from './claim-intake-request.ts';
import { MedicalIncidentFields } from './components/medical-incident-fields.tsx';
import { MotorIncidentFields } from './components/motor-incident-fields.tsx';
import { IllnessIncidentFields, PropertyIncidentFields } from './components/other-incident-fields.tsx';
import { PolicySelect } from './components/policy-select.tsx';


/**
 * Report a claim (报案): the policy and insured, channel, incident time and amount (yuan, sent as
 * fen), the reporter, and the incident itself in the form its product line needs.
 */
export function ClaimIntakePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const rules = useFormRules();
  const yuan = useYuanRule();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchParams] = useSearchParams();
  const presetCustomer = searchParams.get('customerId') ?? undefined;
  const [form] = Form.useForm<IntakeValues>();
  const report = useReportClaim();
  // One key per intake, so a double click or a retry after a lost response cannot file the claim twice.
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, {
    fields: INTAKE_FIELDS,
    rename: intakeFieldOf,
    codeFields: { CLAIM_NOT_COVERED: 'policyId', CLAIM_DUPLICATE_INVOICE: 'incident.invoiceItems' },
  });
  const policyId = Form.useWatch('policyId', form);
  const policy = usePolicy(policyId);
  const insured = (policy.data?.parties ?? []).filter((p) => p.role === 'insured');
  const kind = policy.data ? incidentKindOf(policy.data.product.line) : undefined;

  // Pick the insured for the user where there is no choice to make (or the 360 view named them).
  useEffect(() => {
    if (!policy.data) return;
    const ids = policy.data.parties.filter((p) => p.role === 'insured').map((p) => p.customerId);
    const current = form.getFieldValue('insuredId') as string | undefined;
    if (current && ids.includes(current)) return;
    form.setFieldValue('insuredId', presetCustomer && ids.includes(presetCustomer) ? presetCustomer : ids.length === 1 ? ids[0] : undefined);
  }, [policy.data, presetCustomer, form]);

  const onFinish = (values: IntakeValues) => {
    if (!kind) return;
    report.mutate(
      { body: reportRequestOf(values, kind), idempotencyKey },
      {
        onSuccess: (claim) => {
          void message.success(t('claims.intake.reported', { claimNo: claim.claimNo }));
          void navigate(`/claims/${claim.id}`);
        },
        onError: (error) => {
          problem.report(error);
          renewAfter(error);
        },
      },
    );
  };

  const now = shanghaiLocalInputOf(new Date());
  return (
    <div data-testid="claim-intake-page">
      <PageHeader title={t('claims.intake.title')} description={t('claims.intake.intro')} />
      <Card>
        {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} testId="claim-intake-error" />}
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          disabled={report.isPending}
          data-testid="claim-intake-form"
          initialValues={{ channel: 'phone', incidentAt: now, incident: { injuries: false, thirdParties: [], invoiceItems: [{}] } }}
        >
          <Divider titlePlacement="start" plain>
            {t('claims.intake.policySection')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="policyId" label={t('claims.policyNo')} extra={t('claims.intake.policyHelp')} rules={[rules.requiredSelect(t('claims.policyNo'))]}>
                <PolicySelect customerId={presetCustomer} testId="claim-intake-policy" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="insuredId" label={t('claims.insured')} rules={[rules.requiredSelect(t('claims.insured'))]}>
                <Select
                  disabled={!policy.data}
                  loading={policy.isFetching}
                  placeholder={policy.data ? undefined : t('claims.intake.pickPolicyFirst')}
                  notFoundContent={t('claims.intake.noInsured')}
                  options={insured.map((p) => ({ value: p.customerId, label: p.name }))}
                  data-testid="claim-intake-insured"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item label={t('claims.intake.kind')} extra={t('claims.intake.kindHelp')}>
                {kind ? (
                  <Tag color="blue" data-testid="claim-intake-kind" data-value={kind}>
                    {labels.incidentKind(kind)}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                )}
              </Form.Item>
            </Col>
          </Row>
          {policy.data && policy.data.status !== 'in_force' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('claims.intake.policyNotInForce', { status: labels.policyStatus(policy.data.status) })}
              data-testid="claim-intake-policy-warning"
            />
          )}

          <Divider titlePlacement="start" plain>
            {t('claims.intake.reportSection')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="channel" label={t('claims.channel')}>
                <Select options={CLAIM_CHANNELS.map((c) => ({ value: c, label: labels.claimChannel(c) }))} data-testid="claim-intake-channel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="incidentAt"
                label={t('claims.incidentAt')}
                extra={t('claims.intake.incidentAtHelp')}
                rules={[
                  rules.required(t('claims.incidentAt')),
                  {
                    validator: async (_rule, value: string | undefined) => {
                      if (value && value > shanghaiLocalInputOf(new Date())) throw new Error(t('claims.intake.incidentFuture'));
                    },
                  },
                ]}
              >
                <Input type="datetime-local" max={now} data-testid="claim-intake-incident-at" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="amountClaimed" label={t('claims.intake.amountClaimedYuan')} rules={[yuan({ required: true, field: t('claims.amountClaimed') })]}>
                <Input prefix="¥" inputMode="decimal" data-testid="claim-intake-amount" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="reporterName" label={t('common.optionalField', { field: t('claims.reporter') })} extra={t('claims.intake.reporterHelp')} rules={[{ max: 50 }]}>
                <Input maxLength={50} data-testid="claim-intake-reporter-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="reporterPhone"
                label={t('common.optionalField', { field: t('claims.reporterPhone') })}
                rules={[{ pattern: PHONE, message: t('claims.intake.phoneRule') }]}
              >
                <Input maxLength={20} inputMode="tel" className="anxin-mono" data-testid="claim-intake-reporter-phone" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start" plain>
            {kind ? t('claims.intake.incidentSectionOf', { kind: labels.incidentKind(kind) }) : t('claims.intake.incidentSection')}
          </Divider>
          {!kind && <Typography.Paragraph type="secondary">{t('claims.intake.pickPolicyFirst')}</Typography.Paragraph>}
          {kind === 'motor' && <MotorIncidentFields />}
          {kind === 'medical' && <MedicalIncidentFields />}
          {kind === 'illness' && <IllnessIncidentFields />}
          {kind === 'property' && <PropertyIncidentFields />}

          <Flex gap={8} justify="end">
            <Button onClick={() => void navigate('/claims')}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={report.isPending} disabled={!kind} data-testid="claim-intake-submit">
              {t('claims.intake.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </div>
  );
}
