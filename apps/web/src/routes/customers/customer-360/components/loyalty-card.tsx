import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, List, Modal, Statistic, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIdempotencyKey } from '../../../../components/use-idempotency-key.ts';
import { useCreateReferral, useLoyalty } from '../../../../api/loyalty.ts';
import { CustomerPicker } from '../../../../components/customer-picker.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { shanghaiToday, useFormat } from '../../../../format.ts';
import { can } from '../../../../permissions.ts';
import { PolicySelect } from '../../../claims/claim-intake/components/policy-select.tsx';
import { DateInput } from '../../../../components/date-input.tsx';

interface ReferralValues {
  referredCustomerId?: string;
  policyId?: string;
  referredOn: string;
}

/** Records that this customer referred another one (and, if known, the policy that resulted). */
function ReferralModal({ referrerId, onClose }: { referrerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReferralValues>();
  const referred = Form.useWatch('referredCustomerId', form);
  const create = useCreateReferral();
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: ['referredCustomerId', 'policyId', 'referredOn'] });
  return (
    <Modal
      open
      title={t('customer360.service.addReferral')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'referral-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="referral-error" />}
      <Form<ReferralValues>
        form={form}
        layout="vertical"
        initialValues={{ referredOn: shanghaiToday() }}
        onFinish={(v) =>
          create.mutate(
            { body: { referrerId, referredCustomerId: v.referredCustomerId!, policyId: v.policyId, referredOn: v.referredOn }, idempotencyKey },
            {
              onSuccess: () => {
                void message.success(t('customer360.service.referralSaved'));
                onClose();
              },
              onError: (error) => { problem.report(error); renewAfter(error); },
            },
          )
        }
      >
        <Form.Item name="referredCustomerId" label={t('customer360.service.referredCustomer')} rules={[rules.requiredSelect(t('customer360.service.referredCustomer'))]}>
          <CustomerPicker excludeIds={[referrerId]} testId="referral-customer" />
        </Form.Item>
        <Form.Item name="policyId" label={t('customer360.service.referralPolicy')}>
          <PolicySelect customerId={referred} testId="referral-policy" />
        </Form.Item>
        <Form.Item name="referredOn" label={t('customer360.service.referredOn')} rules={[rules.required(t('customer360.service.referredOn'))]}>
          <DateInput max={shanghaiToday()} testId="referral-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The customer's loyalty points (balance and ledger) and the customers they referred. */
export function LoyaltyCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const me = useCurrentUser();
  const loyalty = useLoyalty(customerId);
  const [adding, setAdding] = useState(false);
  const data = loyalty.data;
  return (
    <Card
      size="small"
      title={t('customer360.service.loyalty')}
      data-testid="customer-service-loyalty"
      extra={
        can(me, 'service:work') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="referral-add">
            {t('customer360.service.addReferral')}
          </Button>
        )
      }
    >
      {loyalty.isError && <ProblemAlert error={loyalty.error} />}
      {loyalty.isPending && <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>}
      {data && (
        <Flex vertical gap={12}>
          <Statistic title={t('customer360.service.points')} value={data.points} formatter={() => <span data-testid="customer-loyalty-points">{format.number(data.points)}</span>} />
          <div>
            <Typography.Text strong>{t('customer360.service.entries')}</Typography.Text>
            {data.entries.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.service.entriesNone')} />
            ) : (
              <List
                size="small"
                dataSource={data.entries}
                renderItem={(e) => (
                  <List.Item key={e.id} data-testid={`loyalty-entry-${e.id}`} extra={<Typography.Text type={e.points < 0 ? 'danger' : 'success'}>{`${e.points > 0 ? '+' : ''}${format.number(e.points)}`}</Typography.Text>}>
                    <Flex vertical>
                      <span>{labels.loyaltyReason(e.reason)}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[format.dateTime(e.createdAt), e.note].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </div>
          <div>
            <Typography.Text strong>{t('customer360.service.referrals')}</Typography.Text>
            {data.referrals.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.service.referralsNone')} />
            ) : (
              <List
                size="small"
                dataSource={data.referrals}
                renderItem={(r) => (
                  <List.Item key={r.id} data-testid={`referral-${r.id}`} extra={<Typography.Text type="secondary">{format.date(r.referredOn)}</Typography.Text>}>
                    <Link to={`/customers/${r.referredCustomer.id}`}>{r.referredCustomer.name}</Link>
                    {r.policyId && (
                      <>
                        {' · '}
                        <Link to={`/policies/${r.policyId}`}>{t('visits.detail.policy')}</Link>
                      </>
                    )}
                  </List.Item>
                )}
              />
            )}
          </div>
        </Flex>
      )}
      {adding && <ReferralModal referrerId={customerId} onClose={() => setAdding(false)} />}
    </Card>
  );
}
