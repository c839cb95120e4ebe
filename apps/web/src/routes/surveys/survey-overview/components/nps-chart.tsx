import type { TSatisfactionFigures } from '@anxin/contracts';
import { Card, Empty, Flex, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';

/**
 * NPS per group as diverging bars around zero (−100 … 100), plain HTML like the complaint analysis
 * charts: light, printable, and readable by tests through `data-nps`.
 */
export function NpsChart({ groups, labelOf }: { groups: TSatisfactionFigures[]; labelOf: (g: TSatisfactionFigures) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = theme.useToken();
  const shown = groups.filter((g) => g.nps !== null);
  return (
    <Card size="small" title={t('surveys.results.chartTitle')} data-testid="survey-nps-chart">
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noData')} />
      ) : (
        <Flex vertical gap={8}>
          {shown.map((g) => {
            const nps = Math.max(-100, Math.min(100, g.nps ?? 0));
            return (
              <div key={g.key} data-key={g.key} data-nps={g.nps} data-testid={`survey-nps-bar-${g.key}`}>
                <Flex justify="space-between" style={{ fontSize: 13 }}>
                  <span>{labelOf(g)}</span>
                  <Typography.Text strong>{format.number(g.nps)}</Typography.Text>
                </Flex>
                <div style={{ position: 'relative', height: 10, background: token.colorFillSecondary, borderRadius: 4 }}>
                  <div style={{ position: 'absolute', left: '50%', top: -2, bottom: -2, width: 1, background: token.colorTextQuaternary }} />
                  <div
                    style={{
                      position: 'absolute',
                      height: 10,
                      borderRadius: 4,
                      background: nps >= 0 ? token.colorSuccess : token.colorError,
                      left: nps >= 0 ? '50%' : `${50 + nps / 2}%`,
                      width: `${Math.abs(nps) / 2}%`,
                    }}
                  />
                </div>
              </div>
            );
          })}
          <Flex justify="space-between" style={{ fontSize: 12, color: token.colorTextTertiary }}>
            <span>{format.number(-100)}</span>
            <span>{format.number(0)}</span>
            <span>{format.number(100)}</span>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
