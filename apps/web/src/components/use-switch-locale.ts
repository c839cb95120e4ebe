import type { TMe } from '@anxin/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { authKeys, useUpdateLocale } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import type { Locale } from '../i18n/index.ts';
import { useLocale } from './locale-provider.tsx';

/** Changes the language now and, when someone is logged in, saves it to their account. */
export function useSwitchLocale() {
  const { locale, setLocale } = useLocale();
  const queryClient = useQueryClient();
  const updateLocale = useUpdateLocale();
  const { message } = App.useApp();
  const { t } = useTranslation();

  const switchTo = (next: Locale, options: { onSaved?: () => void } = {}) => {
    if (next !== locale) setLocale(next);
    // Saved on every switch while logged in (not only when it differs from the cached account:
    // two quick switches would otherwise leave the account on the first one).
    if (!queryClient.getQueryData<TMe>(authKeys.me())) return;
    updateLocale.mutate(next, {
      onSuccess: options.onSaved,
      onError: (error) => void message.warning(t('lang.saveFailed', { detail: isApiError(error) ? t(`errors.${error.code}`) : String(error) })),
    });
  };
  return { locale, switchTo, isSaving: updateLocale.isPending };
}
