import type { TPolicySummary } from '@anxin/contracts';
import { Flex, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePolicies, usePolicy } from '../../../../api/policies.ts';
import { PolicyStatusTag } from '../../../../components/policy-status-tag.tsx';
import { useLabels } from '../../../../i18n/labels.ts';

interface PolicySelectProps {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Without a search, offer this customer's policies (the intake was opened from their 360 view). */
  customerId?: string;
  id?: string;
  testId?: string;
}

/** Picks a policy by typing the start of its number (server-side search in the caller's scope). */
export function PolicySelect({ value, onChange, customerId, id, testId }: PolicySelectProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const searching = Boolean(query || customerId);
  const results = usePolicies(query ? { q: query } : { customerId }, { enabled: searching });
  const items: TPolicySummary[] = searching ? (results.data?.pages.flatMap((p) => p.items) ?? []) : [];
  // A chosen policy (e.g. from a link) is shown by number even when not in the current results.
  const selected = usePolicy(value && !items.some((p) => p.id === value) ? value : undefined);
  const options = [...(selected.data ? [selected.data] : []), ...items].map((p) => ({ value: p.id, label: p.policyNo, policy: p }));

  return (
    <Select<string, (typeof options)[number]>
      id={id}
      allowClear
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      placeholder={t('claims.intake.policyPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={(open) => !open && setText('')}
      loading={results.isFetching}
      notFoundContent={query ? t('claims.intake.noPolicyMatch') : t('claims.intake.typePolicyNo')}
      options={options}
      optionRender={(option) => {
        const p = option.data.policy;
        return (
          <Flex justify="space-between" gap={12} data-testid={`claim-intake-policy-option-${p.id}`}>
            <Flex vertical>
              <span className="anxin-mono">{p.policyNo}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {`${p.product.name} · ${labels.productLine(p.product.line)} · ${p.policyholder.name}`}
              </Typography.Text>
            </Flex>
            <PolicyStatusTag status={p.status} />
          </Flex>
        );
      }}
      data-testid={testId}
      popupMatchSelectWidth={false}
    />
  );
}
