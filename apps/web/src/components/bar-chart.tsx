/**
 * A small, dependency-free horizontal bar chart: one row per item (label, bar, value). Bars are
 * scaled to the largest value (or to `max` when given). Rendered as a list with an accessible name
 * per row, so screen readers read "label: value" rather than shapes.
 */
import type { CSSProperties, ReactNode } from 'react';

export interface BarChartItem {
  key: string;
  label: ReactNode;
  value: number;
  /** Optional bar colour for this row (defaults to the chart colour). */
  color?: string;
  /** Text shown instead of `format(value)` (e.g. the figure behind a relative bar). */
  valueText?: ReactNode;
}

export interface BarChartProps {
  items: BarChartItem[];
  /** Formats the value shown at the end of each bar (defaults to the plain number). */
  format?: (value: number) => string;
  /** Scale maximum; defaults to the largest item value. */
  max?: number;
  /** Bar colour (any CSS colour). */
  color?: string;
  /** Width of the label column (CSS length). */
  labelWidth?: number | string;
  /** Shown when there are no items. */
  empty?: ReactNode;
  /** Draws a thin reference line at this value (e.g. 1 for "the overall mean" on relative bars). */
  marker?: number;
  /** Accessible name of the whole chart. */
  ariaLabel?: string;
  'data-testid'?: string;
}

const rowStyle: CSSProperties = { display: 'flex', alignItems: 'center', gap: 8, minHeight: 24, fontSize: 13 };

export function BarChart({ items, format, max, color = '#1677ff', labelWidth = '34%', marker, empty, ariaLabel, 'data-testid': testId }: BarChartProps) {
  const show = format ?? ((value: number) => String(value));
  const scale = max ?? Math.max(0, ...items.map((item) => item.value), marker ?? 0);
  if (items.length === 0) return <div data-testid={testId}>{empty ?? '—'}</div>;
  return (
    <ul aria-label={ariaLabel} data-testid={testId} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 4 }}>
      {items.map((item) => {
        const ratio = scale > 0 ? Math.max(0, Math.min(1, item.value / scale)) : 0;
        const text = item.valueText ?? show(item.value);
        return (
          <li key={item.key} style={rowStyle} data-testid={testId ? `${testId}-${item.key}` : undefined}>
            <span style={{ flex: `0 0 ${typeof labelWidth === 'number' ? `${labelWidth}px` : labelWidth}`, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {item.label}
            </span>
            <span aria-hidden style={{ flex: '1 1 auto', height: 12, background: 'rgba(0,0,0,0.04)', borderRadius: 2, position: 'relative', minWidth: 40 }}>
              <span style={{ position: 'absolute', inset: 0, width: `${(ratio * 100).toFixed(2)}%`, background: item.color ?? color, borderRadius: 2 }} />
              {marker !== undefined && scale > 0 && marker <= scale && (
                <span style={{ position: 'absolute', top: -2, bottom: -2, left: `${((marker / scale) * 100).toFixed(2)}%`, width: 1, background: 'rgba(0,0,0,0.45)' }} />
              )}
            </span>
            <span style={{ flex: '0 0 auto', minWidth: 48, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
