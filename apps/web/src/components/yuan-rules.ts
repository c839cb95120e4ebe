import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseYuanToFen } from '../format.ts';

/** A form rule for an amount typed in yuan (at most two decimals, not negative); parsed to fen on submit with parseYuanToFen. */
export function useYuanRule() {
  const { t } = useTranslation();
  return (options: { required?: boolean; field: string; positive?: boolean }): FormRule => ({
    required: options.required,
    validator: async (_rule, value: string | undefined) => {
      if (value === undefined || value === null || String(value).trim() === '') {
        if (options.required) throw new Error(t('validation.required', { field: options.field }));
        return;
      }
      const fen = parseYuanToFen(String(value));
      if (fen === null || fen < 0) throw new Error(t('validation.yuan'));
      if (options.positive && fen === 0) throw new Error(t('validation.yuanPositive'));
    },
  });
}
