import type { TUnmaskedCustomer } from '@anxin/contracts';
import { Card, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useCustomer360 } from '../../../api/customers.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { can } from '../../../permissions.ts';
import { ConsentsCard } from './components/consents-card.tsx';
import { CustomerInsightCard } from './components/customer-insight/customer-insight-card.tsx';
import { CustomerHeader } from './components/customer-header.tsx';
import { HouseholdCard } from './components/household-card.tsx';
import { InteractionsCard, LogInteractionModal } from './components/interactions-card.tsx';
import { ProfileCard } from './components/profile-card.tsx';
import { ServiceTab } from './components/service-tab.tsx';
import { TagsAttributesCard } from './components/tags-attributes-card.tsx';
import { UnmaskCustomerModal } from './components/unmask-customer-modal.tsx';
import { knownSections } from './section-registry.tsx';

/**
 * The customer 360° view: header with value figures, then tabs for profile and contacts, household,
 * the sections other modules contribute (policies now; claims, complaints… later), interactions,
 * consents, tags and custom attributes. Opening it is audited by the server.
 */
export function Customer360Page() {
  const { customerId } = useParams();
  // One view per customer: following a household link to another customer starts afresh, so values
  // revealed on the first (and any open dialog) are never shown on the second.
  return <Customer360View key={customerId} customerId={customerId} />;
}

function Customer360View({ customerId }: { customerId: string | undefined }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useCustomer360(customerId);
  const me = useCurrentUser();
  const [asking, setAsking] = useState(false);
  const [logging, setLogging] = useState(false);
  // Revealed values live only in this customer's view: leaving it forgets them.
  const [unmasked, setUnmasked] = useState<TUnmaskedCustomer | null>(null);

  if (view.isPending) return <Skeleton active data-testid="customer-360-loading" />;
  if (view.isError)
    return (
      <div data-testid="customer-360-page">
        <PageHeader title={t('customer360.title')} />
        <ProblemAlert error={view.error} testId="customer-360-error" />
      </div>
    );

  const data = view.data;
  const sections = knownSections(data.sections);
  const linkable = sections.flatMap((s) => s.view.linkOptions?.(s.data) ?? []);
  const tab = searchParams.get('tab') ?? 'profile';

  const tabs = [
    { key: 'profile', label: <span data-testid="customer-tab-profile">{t('customer360.tabProfile')}</span>, children: <ProfileCard view={data} unmasked={unmasked} /> },
    { key: 'household', label: <span data-testid="customer-tab-household">{t('customer360.tabHousehold')}</span>, children: <HouseholdCard view={data} /> },
    ...sections.map((s) => ({
      key: s.key,
      label: <span data-testid={`customer-tab-${s.key}`}>{s.view.title(t)}</span>,
      children: <div data-testid={`customer-section-${s.key}`}>{s.view.render({ data: s.data, view: data })}</div>,
    })),
    ...(can(me, 'service:read')
      ? [{ key: 'service', label: <span data-testid="customer-tab-service">{t('customer360.tabService')}</span>, children: <ServiceTab customerId={data.customer.id} /> }]
      : []),
    {
      key: 'interactions',
      label: <span data-testid="customer-tab-interactions">{t('customer360.tabInteractions')}</span>,
      children: <InteractionsCard customerId={data.customer.id} />,
    },
    {
      key: 'consents',
      label: <span data-testid="customer-tab-consents">{t('customer360.tabConsents')}</span>,
      children: <ConsentsCard customerId={data.customer.id} consents={data.consents} />,
    },
    { key: 'insight', label: <span data-testid="customer-tab-insight">{t('customerInsight.tab')}</span>, children: <CustomerInsightCard customerId={data.customer.id} /> },
    { key: 'tags', label: <span data-testid="customer-tab-tags">{t('customer360.tabTags')}</span>, children: <TagsAttributesCard view={data} /> },
  ];

  return (
    <div data-testid="customer-360-page" data-customer-id={data.customer.id}>
      <PageHeader title={t('customer360.titleOf', { name: data.customer.name })} description={t('customer360.description')} />
      <CustomerHeader view={data} unmasked={unmasked} onUnmask={() => setAsking(true)} onHide={() => setUnmasked(null)} onLogInteraction={() => setLogging(true)} />
      <Card>
        <Tabs
          activeKey={tabs.some((x) => x.key === tab) ? tab : 'profile'}
          onChange={(key) => setSearchParams(key === 'profile' ? {} : { tab: key }, { replace: true })}
          items={tabs}
          destroyOnHidden
        />
      </Card>
      {asking && (
        <UnmaskCustomerModal
          view={data}
          onClose={(result) => {
            setAsking(false);
            if (result) setUnmasked(result);
          }}
        />
      )}
      {logging && <LogInteractionModal customerId={data.customer.id} policies={linkable} onClose={() => setLogging(false)} />}
    </div>
  );
}
