import { Alert, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { can } from '../../../permissions.ts';
import { SettingsTab } from './components/settings-tab.tsx';
import { TagRulesTab } from './components/tag-rules-tab.tsx';
import { TierRulesTab } from './components/tier-rules-tab.tsx';

const TABS = ['tags', 'tiers', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** The rules behind segmentation: tag rules, tiers with their entitlements, and thresholds; editable by segmentation managers. */
export function SegmentationRulesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manages = can(me, 'segment:manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: Tab = TABS.find((k) => k === requested) ?? 'tags';
  return (
    <div data-testid="segmentation-rules-page">
      <PageHeader title={t('segmentation.rules.title')} description={t('segmentation.rules.description')} />
      {!manages && <Alert type="info" showIcon title={t('segmentation.rules.readOnly')} style={{ marginBottom: 16 }} data-testid="segmentation-rules-read-only" />}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === 'tags' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'tags', label: <span data-testid="rules-tab-tags">{t('segmentation.rules.tabTags')}</span>, children: <TagRulesTab manages={manages} /> },
            { key: 'tiers', label: <span data-testid="rules-tab-tiers">{t('segmentation.rules.tabTiers')}</span>, children: <TierRulesTab manages={manages} /> },
            { key: 'settings', label: <span data-testid="rules-tab-settings">{t('segmentation.rules.tabSettings')}</span>, children: <SettingsTab manages={manages} /> },
          ]}
        />
      </Card>
    </div>
  );
}
