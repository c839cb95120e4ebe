import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './messages.ts';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const STORAGE_KEY = 'anxin.locale';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The language chosen last on this browser (used before login; the account's choice wins after). */
export function storedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function rememberLocale(locale: Locale) {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage may be disabled (private mode); the account setting still applies after login
  }
}

// Each language is its own chunk: a user downloads only the one they read (and the other on a switch).
const LOADERS: Record<Locale, () => Promise<Messages>> = {
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
  'en-US': () => import('./en-US.ts').then((m) => m.enUS),
};

/** Loads a language's messages into i18next once; resolves when they can be used. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, 'translation')) return;
  i18n.addResourceBundle(locale, 'translation', await LOADERS[locale]());
}

/** Sets up i18next with the language's messages loaded, so the first render already speaks it. */
export async function initI18n(locale: Locale) {
  const messages = await LOADERS[locale]();
  await i18n.use(initReactI18next).init({
    resources: { [locale]: { translation: messages } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Audit actions contain dots and API scopes contain colons: keys nest on '.', never split on ':'.
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    partialBundledLanguages: true,
  });
  return i18n;
}

export { i18n };
