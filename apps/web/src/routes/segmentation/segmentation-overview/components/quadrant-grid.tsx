import type { TSegmentationOverview } from '@anxin/contracts';
import { Col, Row, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useSegmentationLabels, type TQuadrant } from '../../components/segmentation-labels.ts';

// Rows: loyalty (high above), columns: satisfaction (low left, high right).
const GRID: readonly (readonly [TQuadrant, TQuadrant])[] = [
  ['repair_relationship', 'care_and_retain'],
  ['evaluate', 'may_switch'],
];
const TONES: Record<TQuadrant, string> = { care_and_retain: '#f6ffed', may_switch: '#e6f4ff', repair_relationship: '#fff7e6', evaluate: '#fff1f0' };

/** The satisfaction × loyalty quadrants as a 2×2 grid: customers in each and the recommended strategy. */
export function QuadrantGrid({ counts }: { counts: TSegmentationOverview['quadrants'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useSegmentationLabels();
  const { token } = theme.useToken();
  const byKey = new Map(counts.map((c) => [c.key, c.customers]));
  const total = counts.reduce((sum, c) => sum + c.customers, 0);
  const axis = { fontSize: 12, color: token.colorTextSecondary };

  return (
    <div data-testid="segmentation-quadrants" role="table" aria-label={t('segmentation.overview.quadrantTitle')}>
      <Row gutter={[8, 8]} role="row">
        <Col span={4} />
        <Col span={10} style={{ ...axis, textAlign: 'center' }} role="columnheader">
          {t('segmentation.overview.satisfactionLow')}
        </Col>
        <Col span={10} style={{ ...axis, textAlign: 'center' }} role="columnheader">
          {t('segmentation.overview.satisfactionHigh')}
        </Col>
      </Row>
      {GRID.map((row, rowIndex) => (
        <Row key={rowIndex} gutter={[8, 8]} style={{ marginTop: 8 }} role="row">
          <Col span={4} style={{ ...axis, display: 'flex', alignItems: 'center' }} role="rowheader">
            {t(rowIndex === 0 ? 'segmentation.overview.loyaltyHigh' : 'segmentation.overview.loyaltyLow')}
          </Col>
          {row.map((quadrant) => {
            const customers = byKey.get(quadrant) ?? 0;
            return (
              <Col key={quadrant} span={10} role="cell">
                <div
                  data-testid={`segmentation-quadrant-${quadrant}`}
                  style={{ background: TONES[quadrant], border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: 12, height: '100%' }}
                >
                  <Typography.Text strong>{labels.quadrant(quadrant)}</Typography.Text>
                  <div style={{ fontSize: 22, fontWeight: 600, margin: '4px 0' }} data-testid={`segmentation-quadrant-${quadrant}-count`}>
                    {format.number(customers)}
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginInlineStart: 8 }}>
                      {t('segmentation.overview.share', { pct: format.percent(total > 0 ? customers / total : null) })}
                    </Typography.Text>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {labels.quadrantStrategy(quadrant)}
                  </Typography.Text>
                </div>
              </Col>
            );
          })}
        </Row>
      ))}
    </div>
  );
}
