import { Alert, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { ChangePasswordCard } from './components/change-password-card.tsx';
import { LanguageCard } from './components/language-card.tsx';
import { ProfileCard } from './components/profile-card.tsx';

/** The user's own account: profile, password, language. A one-time password must be replaced here first. */
export function AccountSettingsPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  return (
    <div data-testid="account-page">
      <PageHeader title={t('account.title')} />
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title={t('account.mustChangeTitle')}
          description={t('account.mustChangeDescription')}
          style={{ marginBottom: 16 }}
          data-testid="account-must-change"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ChangePasswordCard />
        </Col>
        <Col xs={24} lg={12}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <ProfileCard />
            </Col>
            <Col span={24}>
              <LanguageCard />
            </Col>
          </Row>
        </Col>
      </Row>
    </div>
  );
}
