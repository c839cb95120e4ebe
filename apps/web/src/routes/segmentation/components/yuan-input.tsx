import { Input } from 'antd';
import { useState } from 'react';
import { fenToYuanText, parseYuanToFen } from '../../../format.ts';

/** An amount typed in yuan, held as integer fen (null while empty or not an amount). */
export function YuanInput({
  value,
  onChange,
  disabled,
  placeholder,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: {
  value: number | null;
  onChange: (fen: number | null) => void;
  disabled?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const [text, setText] = useState(() => (value === null ? '' : fenToYuanText(value)));
  // The text follows the value when it changes from outside (another condition loaded into the builder).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value !== parseYuanToFen(text)) setText(value === null ? '' : fenToYuanText(value));
  }
  const parsed = parseYuanToFen(text);
  const invalid = text.trim() !== '' && (parsed === null || parsed < 0);
  return (
    <Input
      prefix="¥"
      inputMode="decimal"
      value={text}
      disabled={disabled}
      placeholder={placeholder}
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      data-testid={testId}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const fen = parseYuanToFen(next);
        const result = fen !== null && fen >= 0 ? fen : null;
        setShown(result);
        onChange(result);
      }}
    />
  );
}
