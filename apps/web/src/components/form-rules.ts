import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../validation.ts';

/** Form rules shared by several forms, with translated messages. */
export function useFormRules() {
  const { t } = useTranslation();
  return {
    required: (field: string): FormRule => ({ required: true, whitespace: true, message: t('validation.required', { field }) }),
    requiredSelect: (field: string): FormRule => ({ required: true, message: t('validation.requiredSelect', { field }) }),
    /** The server's password policy; `username` (if known) must not appear in the password. */
    password: (username?: () => string | undefined): FormRule => ({
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value === '') return;
        const problem = passwordProblem(value, username?.());
        if (problem === 'length') throw new Error(t('validation.passwordLength'));
        if (problem === 'complexity') throw new Error(t('validation.passwordComplexity'));
        if (problem === 'username') throw new Error(t('validation.passwordContainsUsername'));
      },
    }),
  };
}
