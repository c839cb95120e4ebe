import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Shown for a page the user's roles do not allow (the navigation hides it; a typed URL lands here). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden-page">
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.description')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}
