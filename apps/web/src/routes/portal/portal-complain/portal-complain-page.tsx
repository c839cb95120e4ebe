import { COMPLAINT_CATEGORIES, COMPLAINT_SUB_REASONS, type TComplaintCategory, type TPortalComplaintRequest } from '@anxin/contracts';
import { App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../../components/use-idempotency-key.ts';
import { usePortalMe, useSubmitPortalComplaint } from '../../../api/portal.ts';
import { useFormProblem } from '../../../components/form-problem.ts';
import { useFormRules } from '../../../components/form-rules.ts';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useComplaintLabels } from '../../complaints/components/complaint-labels.ts';

/** The customer complains: about what, which policy (optional), in their own words, and what they ask for. */
export function PortalComplainPage() {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const rules = useFormRules();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = usePortalMe().data!;
  const [form] = Form.useForm<TPortalComplaintRequest>();
  const submit = useSubmitPortalComplaint();
  const { key, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: ['category', 'subReason', 'policyId', 'subject', 'description', 'demand'] });
  const category = (Form.useWatch('category', form) ?? 'claims') as TComplaintCategory;

  return (
    <Card title={t('portal.complain.title')} data-testid="portal-complain-page">
      <Typography.Paragraph type="secondary">{t('portal.complain.intro')}</Typography.Paragraph>
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} plain />}
      <Form<TPortalComplaintRequest>
        form={form}
        layout="vertical"
        disabled={submit.isPending}
        initialValues={{ category: 'claims' }}
        onFinish={(v) =>
          submit.mutate(
            { body: { ...v, subject: v.subject.trim(), description: v.description.trim(), demand: v.demand?.trim() || undefined }, idempotencyKey: key },
            {
              onSuccess: (c) => {
                void message.success(t('portal.complain.submitted', { no: c.complaintNo }));
                void navigate(`/portal/complaints/${c.id}`, { replace: true });
              },
              onError: (error) => {
                problem.report(error);
                renewAfter(error);
              },
            },
          )
        }
      >
        <Form.Item name="category" label={t('portal.complain.category')}>
          <Select options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} onChange={() => form.setFieldValue('subReason', undefined)} data-testid="portal-complaint-category" />
        </Form.Item>
        <Form.Item name="subReason" label={t('portal.complain.subReason')} rules={[rules.requiredSelect(t('portal.complain.subReason'))]}>
          <Select options={COMPLAINT_SUB_REASONS[category].map((r) => ({ value: r, label: labels.subReason(r) }))} data-testid="portal-complaint-sub-reason" />
        </Form.Item>
        <Form.Item name="policyId" label={t('common.optionalField', { field: t('portal.complain.policy') })}>
          <Select allowClear options={me.policies.map((p) => ({ value: p.id, label: `${p.productName} · ${p.policyNo}` }))} data-testid="portal-complaint-policy" />
        </Form.Item>
        <Form.Item name="subject" label={t('portal.complain.subject')} rules={[rules.required(t('portal.complain.subject')), { max: 120 }]}>
          <Input maxLength={120} data-testid="portal-complaint-subject" />
        </Form.Item>
        <Form.Item name="description" label={t('portal.complain.description')} rules={[rules.required(t('portal.complain.description')), { max: 5000 }]}>
          <Input.TextArea rows={5} maxLength={5000} data-testid="portal-complaint-description" />
        </Form.Item>
        <Form.Item name="demand" label={t('common.optionalField', { field: t('portal.complain.demand') })} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Flex gap={8}>
          <Button onClick={() => void navigate('/portal')}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" style={{ flex: 1 }} loading={submit.isPending} data-testid="portal-complaint-submit">
            {t('portal.complain.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
