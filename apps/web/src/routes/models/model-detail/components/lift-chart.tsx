import type { TModel } from '@anxin/contracts';
import { Flex, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';

type CurvePoint = TModel['metrics']['curve'][number];

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { top: 16, right: 52, bottom: 36, left: 48 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** Percent of the population (10 … 100), whether the server sends 0.1 or 10. */
const pctOf = (p: CurvePoint, fractions: boolean) => (fractions ? p.pct * 100 : p.pct);
/** Share of positives captured (0 … 1), whether the server sends 0.45 or 45. */
const capturedOf = (p: CurvePoint, percents: boolean) => (percents ? p.captured / 100 : p.captured);

/** A lift axis maximum that is a whole number, at least 2, so the random level (1) is visible. */
const liftMaxOf = (points: readonly CurvePoint[]) => Math.max(2, Math.ceil(Math.max(...points.map((p) => p.lift))));

/**
 * The lift chart of a model (plain SVG): bars are the cumulative lift of the top x % of the
 * held-out rows by score, the line the share of all positives they capture; dashed lines show
 * what a random ordering would give.
 */
export function LiftChart({ curve }: { curve: TModel['metrics']['curve'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = theme.useToken();
  if (curve.length === 0) return <Typography.Text type="secondary">{t('models.noCurve')}</Typography.Text>;

  const fractions = curve.every((p) => p.pct <= 1);
  const percents = curve.some((p) => p.captured > 1);
  const points = [...curve].sort((a, b) => a.pct - b.pct).map((p) => ({ pct: pctOf(p, fractions), lift: p.lift, captured: capturedOf(p, percents) }));
  const liftMax = liftMaxOf(curve);
  const slot = PLOT_W / points.length;
  const barW = Math.min(40, slot * 0.6);
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const yLift = (lift: number) => PAD.top + PLOT_H * (1 - Math.min(lift, liftMax) / liftMax);
  const yShare = (share: number) => PAD.top + PLOT_H * (1 - Math.max(0, Math.min(1, share)));
  const liftTicks = Array.from({ length: liftMax + 1 }, (_, i) => i);
  const shareTicks = [0, 0.25, 0.5, 0.75, 1];
  const capturedPath = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${yShare(p.captured).toFixed(1)}`).join(' ');
  const randomPath = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${yShare(p.pct / 100).toFixed(1)}`).join(' ');
  const barColor = token.colorPrimary;
  const lineColor = token.colorWarning;
  const muted = token.colorTextTertiary;

  return (
    <Flex vertical gap={8} data-testid="model-lift-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={t('models.liftChart')} style={{ maxWidth: WIDTH, fontSize: 11 }}>
        {liftTicks.map((tick) => (
          <g key={`l${tick}`}>
            <line x1={PAD.left} x2={PAD.left + PLOT_W} y1={yLift(tick)} y2={yLift(tick)} stroke={token.colorBorderSecondary} />
            <text x={PAD.left - 6} y={yLift(tick)} dy="0.32em" textAnchor="end" fill={muted}>
              {`${tick}×`}
            </text>
          </g>
        ))}
        {shareTicks.map((tick) => (
          <text key={`s${tick}`} x={PAD.left + PLOT_W + 6} y={yShare(tick)} dy="0.32em" fill={muted}>
            {format.percent(tick, 0)}
          </text>
        ))}
        {points.map((p, i) => (
          <g key={p.pct} data-testid="model-lift-bar" data-pct={p.pct} data-lift={p.lift}>
            <title>{t('models.liftPoint', { pct: format.number(p.pct), lift: p.lift.toFixed(2), captured: format.percent(p.captured) })}</title>
            <rect x={x(i) - barW / 2} y={yLift(p.lift)} width={barW} height={Math.max(0, PAD.top + PLOT_H - yLift(p.lift))} fill={barColor} opacity={0.8} rx={2} />
            <text x={x(i)} y={PAD.top + PLOT_H + 16} textAnchor="middle" fill={muted}>
              {`${format.number(p.pct)}%`}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={PAD.left + PLOT_W} y1={yLift(1)} y2={yLift(1)} stroke={muted} strokeDasharray="4 4" />
        <path d={randomPath} fill="none" stroke={lineColor} strokeOpacity={0.5} strokeDasharray="2 4" />
        <path d={capturedPath} fill="none" stroke={lineColor} strokeWidth={2} />
        {points.map((p, i) => (
          <circle key={p.pct} cx={x(i)} cy={yShare(p.captured)} r={3} fill={lineColor} />
        ))}
        <line x1={PAD.left} x2={PAD.left + PLOT_W} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} stroke={muted} />
      </svg>
      <Flex gap={16} wrap style={{ fontSize: 12 }}>
        <LegendItem color={barColor} label={t('models.liftAxis')} />
        <LegendItem color={lineColor} label={t('models.capturedAxis')} line />
        <LegendItem color={muted} label={t('models.random')} line dashed />
      </Flex>
    </Flex>
  );
}

function LegendItem({ color, label, line = false, dashed = false }: { color: string; label: string; line?: boolean; dashed?: boolean }) {
  return (
    <Flex gap={6} align="center">
      <span
        aria-hidden
        style={
          line
            ? { width: 18, borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}` }
            : { width: 12, height: 12, background: color, opacity: 0.8, borderRadius: 2 }
        }
      />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Flex>
  );
}
