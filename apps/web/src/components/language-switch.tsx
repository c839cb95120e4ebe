import { TranslationOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSwitchLocale } from './use-switch-locale.ts';

/** One click toggles zh-CN ⇄ en-US (the label names the language you switch to). */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { t } = useTranslation();
  const { locale, switchTo } = useSwitchLocale();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Tooltip title={t('lang.switchTitle')}>
      <Button type={type} icon={<TranslationOutlined />} data-testid="lang-switch" aria-label={t('lang.switchTitle')} onClick={() => switchTo(next)}>
        {t('lang.switchLabel')}
      </Button>
    </Tooltip>
  );
}
