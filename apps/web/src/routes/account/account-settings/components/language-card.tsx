import { App, Card, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSwitchLocale } from '../../../../components/use-switch-locale.ts';
import { LOCALES, type Locale } from '../../../../i18n/index.ts';

export function LanguageCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { locale, switchTo, isSaving } = useSwitchLocale();
  return (
    <Card title={t('account.language')}>
      <Typography.Paragraph type="secondary">{t('account.languageDescription')}</Typography.Paragraph>
      <Segmented<Locale>
        value={locale}
        disabled={isSaving}
        options={LOCALES.map((value) => ({ value, label: t(`lang.${value}`) }))}
        onChange={(next) => switchTo(next, { onSaved: () => void message.success(t('account.languageSaved')) })}
        data-testid="account-language"
      />
    </Card>
  );
}
