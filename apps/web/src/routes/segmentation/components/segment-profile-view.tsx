import type { TSegmentProfile } from '@anxin/contracts';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../../components/bar-chart.tsx';
import { useFormat } from '../../../format.ts';
import { useSegmentationLabels } from './segmentation-labels.ts';

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** A segment's (or a preview's) profile: size, averages and the distributions of tiers, lifecycle, lines and genders. */
export function SegmentProfileView({ profile, compact = false, testId = 'segment-profile' }: { profile: TSegmentProfile; compact?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useSegmentationLabels();
  const count = (n: number) => format.number(n);
  const figures = [
    { key: 'size', title: t('segmentation.profile.size'), value: format.number(profile.size) },
    { key: 'avgAge', title: t('segmentation.profile.avgAge'), value: format.number(round1(profile.avgAge)) },
    { key: 'avgAnnualPremium', title: t('segmentation.profile.avgAnnualPremium'), value: format.fen(profile.avgAnnualPremiumFen) },
    { key: 'avgTenureYears', title: t('segmentation.profile.avgTenureYears'), value: format.number(round1(profile.avgTenureYears)) },
    { key: 'avgPoliciesInForce', title: t('segmentation.profile.avgPoliciesInForce'), value: format.number(round1(profile.avgPoliciesInForce)) },
    { key: 'avgClaims12m', title: t('segmentation.profile.avgClaims12m'), value: format.number(profile.avgClaims12m === null ? null : Math.round(profile.avgClaims12m * 100) / 100) },
    { key: 'lossRatio3y', title: t('segmentation.profile.lossRatio3y'), value: format.percent(profile.lossRatio3yPct === null ? null : profile.lossRatio3yPct / 100) },
  ];
  const charts = [
    { key: 'tiers', title: t('segmentation.profile.tiers'), items: profile.tiers.map((c) => ({ key: c.key, label: labels.tier(c.key), value: c.customers })) },
    { key: 'lifecycle', title: t('segmentation.profile.lifecycle'), items: profile.lifecycle.map((c) => ({ key: c.key, label: labels.lifecycle(c.key), value: c.customers })) },
    { key: 'lines', title: t('segmentation.profile.lines'), items: profile.lines.map((c) => ({ key: c.key, label: labels.productLine(c.key), value: c.customers })) },
    { key: 'genders', title: t('segmentation.profile.genders'), items: profile.genders.map((c) => ({ key: c.key, label: labels.gender(c.key), value: c.customers })) },
  ];
  const span = compact ? { xs: 12, sm: 8 } : { xs: 12, sm: 8, lg: 6, xl: 3 };
  return (
    <div data-testid={testId}>
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.key} {...span}>
            <Statistic title={f.title} value={f.value} styles={{ content: { fontSize: compact ? 18 : 22 } }} data-testid={`${testId}-${f.key}`} />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {charts.map((c) => (
          <Col key={c.key} xs={24} md={compact ? 24 : 12} xl={compact ? 12 : 6}>
            <Card size="small" title={c.title}>
              <BarChart items={c.items} format={count} ariaLabel={c.title} empty={t('common.none')} data-testid={`${testId}-${c.key}`} />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
