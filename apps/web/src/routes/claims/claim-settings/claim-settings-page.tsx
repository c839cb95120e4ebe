import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useClaimSettings } from '../../../api/claim-settings.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { can } from '../../../permissions.ts';
import { ClockRulesCard } from './components/clock-rules-card.tsx';
import { ApprovalAuthorityCard, FastTrackCard } from './components/claim-policy-settings.tsx';

/** Claim settings (理赔设置): statutory clocks per product line, fast track, approval authority, green channel. Read-only unless the user manages them. */
export function ClaimSettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const settings = useClaimSettings();
  const canEdit = can(me, 'claim_setting:manage');
  return (
    <div data-testid="claim-settings-page">
      <PageHeader title={t('claims.settings.title')} description={canEdit ? t('claims.settings.intro') : t('claims.settings.readOnly')} />
      {settings.isError && <ProblemAlert error={settings.error} />}
      {settings.isPending && <Skeleton active />}
      {settings.data && (
        <Flex vertical gap={16}>
          <ClockRulesCard settings={settings.data} canEdit={canEdit} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <FastTrackCard settings={settings.data} canEdit={canEdit} />
            </Col>
            <Col xs={24} lg={10}>
              <ApprovalAuthorityCard settings={settings.data} canEdit={canEdit} />
            </Col>
            <Col xs={24} lg={6}>
              <Card title={t('claims.settings.greenTitle')} size="small" data-testid="green-channel-card">
                <Typography.Paragraph>{t('claims.settings.greenHelp')}</Typography.Paragraph>
                <Link to="/segmentation/rules">{t('claims.settings.greenLink')}</Link>
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
    </div>
  );
}
