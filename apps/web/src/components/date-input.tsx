import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface DateInputProps {
  id?: string;
  /** The date as the API takes it: `YYYY-MM-DD` (or `YYYY-MM` for a month). */
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Earliest and latest pickable day (or month), in the same form. */
  min?: string;
  max?: string;
  picker?: 'date' | 'month';
  placeholder?: string;
  disabled?: boolean;
  status?: 'error' | 'warning';
  allowClear?: boolean;
  testId?: string;
  style?: React.CSSProperties;
}

/**
 * A calendar date or month, picked in the console's language (the browser's own date input follows
 * the browser's language instead), kept as the plain `YYYY-MM-DD` / `YYYY-MM` string the API takes.
 */
export function DateInput({ value, onChange, min, max, picker = 'date', testId, style, allowClear = true, ...rest }: DateInputProps) {
  const format = picker === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
  return (
    <DatePicker
      {...rest}
      picker={picker}
      format={format}
      allowClear={allowClear}
      value={value ? dayjs(value) : null}
      onChange={(day) => onChange?.(day ? day.format(format) : undefined)}
      disabledDate={min === undefined && max === undefined ? undefined : (day) => (min !== undefined && day.format(format) < min) || (max !== undefined && day.format(format) > max)}
      data-testid={testId}
      style={{ width: '100%', ...style }}
    />
  );
}
