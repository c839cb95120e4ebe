import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { SatisfactionResults } from './components/satisfaction-results.tsx';
import { SurveyTemplatesTab } from './components/survey-templates-tab.tsx';

/** Satisfaction surveys: results (NPS, CSAT by group) and the templates the surveys are sent from. */
export function SurveyOverviewPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'templates' ? 'templates' : 'results';
  return (
    <div data-testid="survey-overview-page">
      <PageHeader title={t('surveys.title')} description={t('surveys.description')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === 'results' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'results', label: <span data-testid="survey-tab-results">{t('surveys.tabResults')}</span>, children: <SatisfactionResults /> },
            { key: 'templates', label: <span data-testid="survey-tab-templates">{t('surveys.tabTemplates')}</span>, children: <SurveyTemplatesTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
