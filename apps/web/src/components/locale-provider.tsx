import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import { i18n, loadLocale, rememberLocale, type Locale } from '../i18n/index.ts';

interface LocaleContextValue {
  locale: Locale;
  /** Switches the console language at once (i18next, antd, dayjs, <html lang>). */
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

/** Everything outside React that follows the language: dayjs, <html lang>, the tab title, storage. */
export function applyDocumentLocale(locale: Locale) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  document.title = i18n.t('app.name', { lng: locale });
  rememberLocale(locale);
}

const ANTD_LOCALES = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;

const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1668dc', borderRadius: 6, fontSize: 14 },
  components: { Layout: { headerHeight: 56, headerPadding: '0 24px' } },
};

/**
 * Language, antd configuration and the `app-root` element (whose `data-lang` browser tests read).
 * Sits above the router so the login page and every other page share it.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (i18n.language === 'en-US' ? 'en-US' : 'zh-CN'));

  const setLocale = useCallback((next: Locale) => {
    // The other language is loaded on first use (a small chunk), then everything switches at once.
    void loadLocale(next).then(() => {
      applyDocumentLocale(next);
      void i18n.changeLanguage(next);
      setLocaleState(next);
    });
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);

  return (
    <LocaleContext value={value}>
      <ConfigProvider locale={ANTD_LOCALES[locale]} theme={THEME}>
        <AntApp>
          <div data-testid="app-root" data-lang={locale} lang={locale}>
            {children}
          </div>
        </AntApp>
      </ConfigProvider>
    </LocaleContext>
  );
}

export function useLocale(): LocaleContextValue {
  const value = use(LocaleContext);
  if (!value) throw new Error('useLocale must be used inside <LocaleProvider>');
  return value;
}
