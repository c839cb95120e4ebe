import type { TRole } from '@anxin/contracts';
import { Card, Col, Flex, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { RoleTags } from '../../../components/role-tags.tsx';
import { shanghaiHour } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';
import { CustomerSearchCard } from './components/customer-search-card.tsx';
import { LatestAuditCard } from './components/latest-audit-card.tsx';
import { ScopeCard } from './components/scope-card.tsx';
import { ServiceKpiCard } from './components/service-kpi-card.tsx';
import { WorkAreaCard, type WorkAreaRole } from './components/work-area-card.tsx';

const WORK_AREA_ROLES: readonly WorkAreaRole[] = ['agent', 'csr', 'underwriter', 'claims_adjuster', 'complaint_handler', 'analyst'];
const isWorkAreaRole = (role: TRole): role is WorkAreaRole => (WORK_AREA_ROLES as readonly TRole[]).includes(role);

function useGreeting(name: string) {
  const { t } = useTranslation();
  const hour = shanghaiHour();
  if (hour < 12) return t('home.greetingMorning', { name });
  if (hour < 18) return t('home.greetingAfternoon', { name });
  return t('home.greetingEvening', { name });
}

/** The landing page, fitted to the user's roles. Shows only real data from the API. */
export function HomeDashboardPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const greeting = useGreeting(me.displayName);

  const managesScope = me.roles.some((r) => r === 'admin' || r === 'branch_manager');
  const audits = me.roles.includes('compliance_auditor') && can(me, 'audit:read');
  const workAreas = me.roles.filter(isWorkAreaRole);
  const searchesCustomers = can(me, 'customer:read') && me.roles.some((r) => r === 'agent' || r === 'csr');

  return (
    <div data-testid="home-page">
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-greeting">
          {greeting}
        </Typography.Title>
        <Space size="large" wrap>
          <Flex gap={8} align="center">
            <Typography.Text type="secondary">{t('home.orgUnit')}</Typography.Text>
            <Typography.Text strong data-testid="home-org-unit">
              {me.orgUnitName}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {' '}
                · {labels.orgLevel(me.orgUnitLevel)}
              </Typography.Text>
            </Typography.Text>
          </Flex>
          <Flex gap={8} align="center">
            <Typography.Text type="secondary">{t('home.roles')}</Typography.Text>
            <RoleTags roles={me.roles} />
          </Flex>
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        {can(me, 'service:read') && (
          <Col xs={24}>
            <ServiceKpiCard />
          </Col>
        )}
        {searchesCustomers && (
          <Col xs={24} lg={12}>
            <CustomerSearchCard />
          </Col>
        )}
        {managesScope && (
          <Col xs={24} lg={12}>
            <ScopeCard />
          </Col>
        )}
        {audits && (
          <Col xs={24} lg={managesScope ? 12 : 24}>
            <LatestAuditCard />
          </Col>
        )}
        {workAreas.map((role) => (
          <Col key={role} xs={24} lg={12}>
            <WorkAreaCard role={role} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
