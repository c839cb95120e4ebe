import { Rate } from 'antd';
import { cloneElement, isValidElement, type ReactElement } from 'react';

interface CsatRateProps {
  value?: number;
  onChange?: (value: number) => void;
  /** Each star gets `data-testid="<testIdPrefix><n>"` (n = 1…5). */
  testIdPrefix: string;
  /** Label read out for the whole rating (screen readers). */
  ariaLabel?: string;
  size?: number;
  disabled?: boolean;
}

/** A CSAT answer: 1–5 stars, no half stars, each star addressable by tests. */
export function CsatRate({ value, onChange, testIdPrefix, ariaLabel, size = 28, disabled }: CsatRateProps) {
  return (
    <Rate
      count={5}
      allowClear={false}
      value={value}
      onChange={onChange}
      disabled={disabled}
      aria-label={ariaLabel}
      style={{ fontSize: size }}
      characterRender={(star, { index }) =>
        isValidElement(star) ? cloneElement(star as ReactElement<Record<string, unknown>>, { 'data-testid': `${testIdPrefix}${(index ?? 0) + 1}` }) : star
      }
    />
  );
}
