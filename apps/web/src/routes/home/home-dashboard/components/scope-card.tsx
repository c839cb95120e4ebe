import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { TOrgLevel } from '@anxin/contracts';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrgUnits } from '../../../../api/org-units.ts';
import { useStaffList } from '../../../../api/staff.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

// The level order, typed so a new level in the contracts fails compilation here. (Not ORG_LEVELS:
// importing a value from the contracts would load zod on the home page.)
const LEVEL_ORDER: Record<TOrgLevel, number> = { hq: 0, province: 1, city: 2, outlet: 3 };

/** For administrators and branch managers: how many units and staff their scope holds. */
export function ScopeCard() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const canReadOrg = can(me, 'org:read');
  const canReadStaff = can(me, 'staff:read');
  const units = useOrgUnits({ enabled: canReadOrg });
  // Only the total is needed: one row is the smallest page the API serves.
  const staff = useStaffList({ page: 1, pageSize: 1 }, { enabled: canReadStaff });
  const levelCounts = (Object.keys(LEVEL_ORDER) as TOrgLevel[])
    .map((level) => [level, units.data?.filter((u) => u.level === level).length ?? 0] as const)
    .filter(([, count]) => count > 0);

  return (
    <Card title={t('home.scopeTitle')} style={{ height: '100%' }} data-testid="home-scope-card">
      <Typography.Paragraph type="secondary">{t('home.scopeDescription')}</Typography.Paragraph>
      <Row gutter={16}>
        {canReadOrg && (
          <Col span={12}>
            <Statistic title={t('home.orgUnitsInScope')} value={units.data?.length ?? 0} loading={units.isPending} prefix={<ApartmentOutlined />} />
            {levelCounts.length > 0 && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {levelCounts.map(([level, count]) => `${labels.orgLevel(level)} ${count}`).join(' · ')}
              </Typography.Text>
            )}
            <Link to="/org">{t('home.viewOrg')}</Link>
            {units.isError && <ProblemAlert error={units.error} style={{ marginTop: 8 }} />}
          </Col>
        )}
        {canReadStaff && (
          <Col span={12}>
            <Statistic title={t('home.staffInScope')} value={staff.data?.total ?? 0} loading={staff.isPending} prefix={<TeamOutlined />} />
            <Link to="/staff">{t('home.viewStaff')}</Link>
            {staff.isError && <ProblemAlert error={staff.error} style={{ marginTop: 8 }} />}
          </Col>
        )}
      </Row>
    </Card>
  );
}
