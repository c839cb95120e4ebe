import type { TModel } from '@anxin/contracts';
import { Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useInsightLabels } from '../../../customers/customer-360/components/customer-insight/insight-labels.ts';

/**
 * The model's feature weights, largest effect first, as bars either side of zero: to the right
 * they raise the score, to the left they lower it.
 */
export function FeatureWeights({ features }: { features: TModel['features'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const insight = useInsightLabels();
  const { token } = theme.useToken();
  const sorted = [...features].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const scale = Math.max(1e-9, ...sorted.map((f) => Math.abs(f.weight)));
  const raise = token.colorPrimary;
  const lower = token.colorWarning;

  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 4 }} aria-label={t('models.features')} data-testid="model-features">
      {sorted.map((feature) => {
        const width = `${((Math.abs(feature.weight) / scale) * 50).toFixed(2)}%`;
        const positive = feature.weight >= 0;
        return (
          <li key={feature.name} style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 24, fontSize: 13 }} data-testid={`model-feature-${feature.name}`} data-weight={feature.weight}>
            <Tooltip
              title={
                <>
                  <div className="anxin-mono">{feature.name}</div>
                  <div>{t('models.featureMean', { mean: insight.fieldValue(feature.name, feature.mean), sd: format.number(Math.round(feature.sd * 100) / 100) })}</div>
                </>
              }
            >
              <span style={{ flex: '0 0 38%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{insight.fieldLabel(feature.name)}</span>
            </Tooltip>
            <span
              aria-label={positive ? t('models.raises') : t('models.lowers')}
              style={{ flex: '1 1 auto', position: 'relative', height: 12, minWidth: 80, background: token.colorFillQuaternary, borderRadius: 2 }}
            >
              <span style={{ position: 'absolute', left: '50%', top: -2, bottom: -2, borderLeft: `1px solid ${token.colorBorder}` }} />
              <span
                style={{
                  position: 'absolute',
                  top: 0,
                  bottom: 0,
                  width,
                  ...(positive ? { left: '50%' } : { right: '50%' }),
                  background: positive ? raise : lower,
                  borderRadius: 2,
                }}
              />
            </span>
            <Typography.Text className="anxin-mono" style={{ flex: '0 0 64px', textAlign: 'right' }}>
              {`${positive ? '+' : ''}${feature.weight.toFixed(3)}`}
            </Typography.Text>
          </li>
        );
      })}
    </ul>
  );
}
