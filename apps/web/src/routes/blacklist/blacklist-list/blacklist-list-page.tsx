import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { BLACKLIST_STATUSES, type TBlacklistEntry } from '@anxin/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { blacklistKeys, useBlacklist, type BlacklistDecision, type BlacklistFilters, type BlacklistStatusFilter } from '../../../api/blacklist.ts';
import { CustomerPicker } from '../../../components/customer-picker.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { useBlacklistLabels } from './components/blacklist-labels.ts';
import { BlacklistTable } from './components/blacklist-table.tsx';
import { DecideBlacklistModal } from './components/decide-blacklist-modal.tsx';
import { RequestBlacklistModal } from './components/request-blacklist-modal.tsx';

/** `current`: the entries that matter now (pending approval, and in effect), shown as two lists. */
type View = 'current' | 'all' | BlacklistStatusFilter;
const VIEWS: readonly string[] = ['current', 'all', 'in_effect', ...BLACKLIST_STATUSES];
const isView = (value: string | null): value is View => VIEWS.includes(value ?? '');

/**
 * The blacklist (S6): entries with reasons, evidence and dates; requests approved by a second person;
 * lifting. Every look-up is audited by the server, and the page says so, with the entry's effects.
 */
export function BlacklistListPage() {
  const { t } = useTranslation();
  const labels = useBlacklistLabels();
  const me = useCurrentUser();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const view: View = isView(viewParam) ? viewParam : 'current';
  const customerId = params.get('customerId') ?? undefined;
  // A risk alert's "propose blacklisting" links here with the customer to request for.
  const [requesting, setRequesting] = useState<{ customerId?: string } | null>(() => (params.get('request') ? { customerId: params.get('request')! } : null));
  const [deciding, setDeciding] = useState<{ entry: TBlacklistEntry; decision: BlacklistDecision } | null>(null);

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete('request');
        return next;
      },
      { replace: true },
    );
  const tableProps = { canDecide: can(me, 'blacklist:approve'), myId: me.id, onDecide: (entry: TBlacklistEntry, decision: BlacklistDecision) => setDeciding({ entry, decision }) };

  return (
    <div data-testid="blacklist-page">
      <PageHeader
        title={t('blacklist.title')}
        description={t('blacklist.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void client.invalidateQueries({ queryKey: blacklistKeys.lists() })} data-testid="blacklist-refresh">
              {t('common.refresh')}
            </Button>
            {can(me, 'blacklist:request') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting({ customerId })} data-testid="blacklist-request">
                {t('blacklist.request')}
              </Button>
            )}
          </>
        }
      />
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="blacklist-banner"
        title={t('blacklist.auditedTitle')}
        description={
          <Flex vertical gap={4}>
            <span>{t('blacklist.auditedBody')}</span>
            <span>{t('blacklist.effectsTitle')}</span>
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="blacklist-effects">
              <li>{t('blacklist.effectUnderwriting')}</li>
              <li>{t('blacklist.effectClaims')}</li>
              <li>{t('blacklist.effectMarketing')}</li>
            </ul>
            <span>{t('blacklist.fourEyes')}</span>
          </Flex>
        }
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('blacklist.view')}</Typography.Text>
          <Select<View>
            value={view}
            onChange={(value) => setParam('view', value === 'current' ? undefined : value)}
            options={[
              { value: 'current' as const, label: t('blacklist.viewCurrent') },
              { value: 'in_effect' as const, label: t('blacklist.statusInEffect') },
              ...BLACKLIST_STATUSES.map((s) => ({ value: s, label: labels.status(s) })),
              { value: 'all' as const, label: t('blacklist.viewAll') },
            ]}
            style={{ minWidth: 180 }}
            aria-label={t('blacklist.view')}
            data-testid="blacklist-filter-status"
          />
          <CustomerPicker
            value={customerId}
            onChange={(id) => setParam('customerId', id)}
            placeholder={t('blacklist.customerFilter')}
            style={{ minWidth: 240 }}
            testId="blacklist-filter-customer"
          />
        </Flex>
        {view === 'current' ? (
          <Flex vertical gap={24}>
            <BlacklistSection title={t('blacklist.pendingSection')} filters={{ status: 'pending', customerId }} testId="blacklist-pending" {...tableProps} />
            <BlacklistSection title={t('blacklist.inEffectSection')} filters={{ status: 'in_effect_or_upcoming', customerId }} testId="blacklist-in-effect" {...tableProps} />
          </Flex>
        ) : (
          <BlacklistSection filters={{ status: view === 'all' ? undefined : view, customerId }} testId="blacklist-list" {...tableProps} />
        )}
      </Card>
      {requesting && (
        <RequestBlacklistModal
          customerId={requesting.customerId}
          onClose={() => {
            setRequesting(null);
            if (params.has('request')) setParam('request', undefined);
          }}
        />
      )}
      {deciding && <DecideBlacklistModal entry={deciding.entry} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </div>
  );
}

interface SectionProps {
  title?: string;
  filters: BlacklistFilters;
  testId: string;
  canDecide: boolean;
  myId: string;
  onDecide: (entry: TBlacklistEntry, decision: BlacklistDecision) => void;
}

function BlacklistSection({ title, filters, testId, ...tableProps }: SectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useBlacklist(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      {title && <Typography.Title level={5}>{title}</Typography.Title>}
      {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 12 }} testId={`${testId}-error`} />}
      <BlacklistTable items={items} loading={list.isFetching && !list.isFetchingNextPage} testId={testId} {...tableProps} />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" data-testid={`${testId}-count`}>
          {t('blacklist.loaded', { shown: format.number(items.length) })}
        </Typography.Text>
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid={`${testId}-load-more`}>
            {t('common.loadMore')}
          </Button>
        )}
      </Flex>
    </div>
  );
}
