import 'i18next';
import type { zhCN } from './zh-CN.ts';

// Typed translation keys: t('nav.staff') compiles, t('nav.stuff') does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    nsSeparator: false;
    returnNull: false;
  }
}
