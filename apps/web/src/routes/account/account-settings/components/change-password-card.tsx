import type { TChangePasswordRequest } from '@anxin/contracts';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useChangePassword } from '../../../../api/auth.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';

interface Values extends TChangePasswordRequest {
  confirmPassword: string;
}

export function ChangePasswordCard() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const rules = useFormRules();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const problem = useFormProblem(form, {
    fields: ['currentPassword', 'newPassword'],
    codeFields: { AUTH_WRONG_PASSWORD: 'currentPassword' },
  });
  const wasForced = me.mustChangePassword;

  const onFinish = ({ currentPassword, newPassword }: Values) => {
    problem.clear();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('account.passwordChanged'));
          form.resetFields();
          // A replaced one-time password opens the rest of the console.
          if (wasForced) void navigate('/', { replace: true });
        },
        onError: problem.report,
      },
    );
  };

  return (
    <Card title={t('account.changePassword')} data-testid="account-password-card">
      <Typography.Paragraph type="secondary">{t('account.passwordPolicy')}</Typography.Paragraph>
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending} style={{ maxWidth: 420 }}>
        {/* Lets password managers pair the new password with the right account. */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[rules.required(t('account.currentPassword'))]}>
          <Input.Password data-testid="password-current" autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          dependencies={['currentPassword']}
          rules={[
            rules.required(t('account.newPassword')),
            rules.password(() => me.username),
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value === getFieldValue('currentPassword')) throw new Error(t('validation.passwordSameAsCurrent'));
              },
            }),
          ]}
        >
          <Input.Password data-testid="password-new" autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            rules.required(t('account.confirmPassword')),
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('validation.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password data-testid="password-confirm" autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('account.submitPassword')}
        </Button>
      </Form>
    </Card>
  );
}
