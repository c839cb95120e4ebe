import type { TPortalCodeRequest, TPortalCodeSent } from '@anxin/contracts';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePortalLogin, useRequestPortalCode } from '../../../api/portal.ts';
import { useFormProblem } from '../../../components/form-problem.ts';
import { useFormRules } from '../../../components/form-rules.ts';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';

const ID_NUMBER = /^(\d{15}|\d{17}[\dXx])$/;

/**
 * Customer identification: the policy number and the ID number of its policyholder or an insured,
 * then the 6-digit code sent to the mobile on file. No password to remember.
 */
export function PortalLoginPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rules = useFormRules();
  const navigate = useNavigate();
  const [identity] = Form.useForm<TPortalCodeRequest>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [sent, setSent] = useState<TPortalCodeSent | null>(null);
  const requestCode = useRequestPortalCode();
  const login = usePortalLogin();
  const identityProblem = useFormProblem(identity, { fields: ['policyNo', 'idNumber'], codeFields: { PORTAL_IDENTITY_MISMATCH: 'idNumber' } });
  const codeProblem = useFormProblem(codeForm, { fields: ['code'], codeFields: { PORTAL_CODE_INVALID: 'code' } });

  const ask = (values: TPortalCodeRequest) =>
    requestCode.mutate(
      { policyNo: values.policyNo.trim(), idNumber: values.idNumber.trim().toUpperCase() },
      {
        onSuccess: (result) => {
          setSent(result);
          codeForm.resetFields();
        },
        onError: (error) => identityProblem.report(error),
      },
    );

  return (
    <Flex vertical align="center" style={{ paddingTop: 24 }}>
      <Card style={{ width: 420, maxWidth: '100%' }} title={t('portal.login.title')} data-testid="portal-login-page">
        <Typography.Paragraph type="secondary">{t('portal.login.intro')}</Typography.Paragraph>
        {identityProblem.alertError !== null && <ProblemAlert error={identityProblem.alertError} style={{ marginBottom: 16 }} testId="portal-login-error" plain />}
        <Form<TPortalCodeRequest> form={identity} layout="vertical" onFinish={ask} disabled={requestCode.isPending || sent !== null} requiredMark={false}>
          <Form.Item name="policyNo" label={t('portal.login.policyNo')} rules={[rules.required(t('portal.login.policyNo')), { max: 40 }]}>
            <Input autoComplete="off" className="anxin-mono" data-testid="portal-policy-no" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('portal.login.idNumber')} extra={t('portal.login.idNumberHelp')} rules={[rules.required(t('portal.login.idNumber')), { pattern: ID_NUMBER, message: t('portal.login.idNumberRule') }]}>
            <Input autoComplete="off" maxLength={18} className="anxin-mono" data-testid="portal-id-number" />
          </Form.Item>
          {sent === null && (
            <Button type="primary" htmlType="submit" block loading={requestCode.isPending} data-testid="portal-send-code">
              {t('portal.login.sendCode')}
            </Button>
          )}
        </Form>
        {sent && (
          <>
            <Alert
              type="success"
              showIcon
              style={{ margin: '16px 0' }}
              data-testid="portal-code-sent"
              title={t('portal.login.codeSent', { to: sent.sentTo })}
              description={t('portal.login.codeValidUntil', { at: format.dateTimeLong(sent.expiresAt) })}
            />
            {codeProblem.alertError !== null && <ProblemAlert error={codeProblem.alertError} style={{ marginBottom: 16 }} plain />}
            <Form<{ code: string }>
              form={codeForm}
              layout="vertical"
              requiredMark={false}
              disabled={login.isPending}
              onFinish={(values) =>
                login.mutate({ challengeId: sent.challengeId, code: values.code.trim() }, { onSuccess: () => void navigate('/portal', { replace: true }), onError: (error) => codeProblem.report(error) })
              }
            >
              <Form.Item name="code" label={t('portal.login.code')} rules={[rules.required(t('portal.login.code')), { pattern: /^\d{6}$/, message: t('portal.login.codeRule') }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="anxin-mono" data-testid="portal-code" />
              </Form.Item>
              <Flex gap={8}>
                <Button onClick={() => setSent(null)} data-testid="portal-change-identity">
                  {t('portal.login.back')}
                </Button>
                <Button type="primary" htmlType="submit" style={{ flex: 1 }} loading={login.isPending} data-testid="portal-login-submit">
                  {t('portal.login.submit')}
                </Button>
              </Flex>
            </Form>
          </>
        )}
      </Card>
    </Flex>
  );
}
