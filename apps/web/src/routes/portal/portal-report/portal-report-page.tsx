import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../../components/use-idempotency-key.ts';
import { usePortalMe, useReportPortalClaim } from '../../../api/portal.ts';
import { useFormProblem } from '../../../components/form-problem.ts';
import { useFormRules } from '../../../components/form-rules.ts';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useYuanRule } from '../../../components/yuan-rules.ts';
import { shanghaiLocalInputOf } from '../../../format.ts';
import { INTAKE_FIELDS, incidentKindOf, intakeFieldOf, reportRequestOf, type IntakeValues } from '../../claims/claim-intake/claim-intake-request.ts';
import { MedicalIncidentFields } from '../../claims/claim-intake/components/medical-incident-fields.tsx';
import { MotorIncidentFields } from '../../claims/claim-intake/components/motor-incident-fields.tsx';
import { IllnessIncidentFields, PropertyIncidentFields } from '../../claims/claim-intake/components/other-incident-fields.tsx';


/**
 * The customer reports a claim: which policy and whom it is for, when it happened, how much, and the
 * incident in the form its product line needs. One idempotency key per report, so a double tap or a
 * retry over a bad mobile connection never files two claims.
 */
export function PortalReportPage() {
  const { t } = useTranslation();
  const rules = useFormRules();
  const yuan = useYuanRule();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = usePortalMe().data!;
  const [form] = Form.useForm<IntakeValues>();
  const report = useReportPortalClaim();
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: INTAKE_FIELDS, rename: intakeFieldOf, codeFields: { CLAIM_NOT_COVERED: 'incidentAt', CLAIM_DUPLICATE_INVOICE: 'incident.invoiceItems' } });
  const policies = me.policies.filter((p) => p.insured.length > 0);
  const policyId = Form.useWatch('policyId', form);
  const policy = policies.find((p) => p.id === policyId);
  const kind = policy ? incidentKindOf(policy.line) : undefined;

  useEffect(() => {
    if (policies.length === 1 && !form.getFieldValue('policyId')) form.setFieldValue('policyId', policies[0]!.id);
  }, [policies, form]);
  useEffect(() => {
    if (!policy) return;
    const current = form.getFieldValue('insuredId') as string | undefined;
    if (current && policy.insured.some((i) => i.id === current)) return;
    form.setFieldValue('insuredId', policy.insured.length === 1 ? policy.insured[0]!.id : undefined);
  }, [policy, form]);

  const onFinish = (values: IntakeValues) => {
    if (!kind) return;
    const { policyId: pid, insuredId, incidentAt, amountClaimedFen, incident } = reportRequestOf({ ...values, channel: 'portal' }, kind);
    report.mutate(
      { body: { policyId: pid!, insuredId: insuredId!, incidentAt, amountClaimedFen, incident }, idempotencyKey },
      {
        onSuccess: (detail) => {
          void message.success(t('portal.report.reported', { claimNo: detail.claim.claimNo }));
          void navigate(`/portal/claims/${detail.claim.id}`, { replace: true });
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
    <Card title={t('portal.report.title')} data-testid="portal-report-page">
      <Typography.Paragraph type="secondary">{t('portal.report.intro')}</Typography.Paragraph>
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} testId="portal-report-error" plain />}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={report.isPending}
        data-testid="portal-report-form"
        initialValues={{ channel: 'portal', incidentAt: now, incident: { injuries: false, thirdParties: [], invoiceItems: [{}] } }}
      >
        <Form.Item name="policyId" label={t('portal.report.policy')} rules={[rules.requiredSelect(t('portal.report.policy'))]}>
          <Select options={policies.map((p) => ({ value: p.id, label: `${p.productName} · ${p.policyNo}` }))} data-testid="portal-report-policy" />
        </Form.Item>
        <Form.Item name="insuredId" label={t('portal.report.insured')} rules={[rules.requiredSelect(t('portal.report.insured'))]}>
          <Select disabled={!policy} options={(policy?.insured ?? []).map((i) => ({ value: i.id, label: i.name }))} data-testid="portal-report-insured" />
        </Form.Item>
        <Form.Item
          name="incidentAt"
          label={t('portal.report.incidentAt')}
          rules={[
            rules.required(t('portal.report.incidentAt')),
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && value > shanghaiLocalInputOf(new Date())) throw new Error(t('claims.intake.incidentFuture'));
              },
            },
          ]}
        >
          <Input type="datetime-local" max={now} data-testid="claim-intake-incident-at" />
        </Form.Item>
        <Form.Item name="amountClaimed" label={t('portal.report.amount')} extra={t('portal.report.amountHelp')} rules={[yuan({ required: true, field: t('portal.report.amount') })]}>
          <Input prefix="¥" inputMode="decimal" data-testid="claim-intake-amount" />
        </Form.Item>
        {kind === 'motor' && <MotorIncidentFields />}
        {kind === 'medical' && <MedicalIncidentFields forCustomer />}
        {kind === 'illness' && <IllnessIncidentFields />}
        {kind === 'property' && <PropertyIncidentFields />}
        {policy && policy.documents.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('portal.report.documentsTitle')}
            description={policy.documents.map((d) => `${d.name}${d.required ? '' : t('portal.report.optional')}`).join('、')}
          />
        )}
        <Flex gap={8}>
          <Button onClick={() => void navigate('/portal')}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" style={{ flex: 1 }} loading={report.isPending} disabled={!kind} data-testid="portal-report-submit">
            {t('portal.report.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
