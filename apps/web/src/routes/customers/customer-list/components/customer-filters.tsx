import { SearchOutlined } from '@ant-design/icons';
import { CUSTOMER_KINDS, LIFECYCLE_STAGES, TIERS, type TAttributeDefinition } from '@anxin/contracts';
import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttributeLabel, useCustomerAttributes } from '../../../../api/customer-attributes.ts';
import type { CustomerListFilters } from '../../../../api/customers.ts';
import { OrgUnitTreeSelect } from '../../../../components/org-unit-tree-select.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { StaffSelect } from '../../../../components/staff-select.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { can, picksColleagues } from '../../../../permissions.ts';

/** One filterable custom attribute, with an input fitted to its type. */
function AttributeFilter({ definition, value, onChange }: { definition: TAttributeDefinition; value: string | undefined; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  const label = useAttributeLabel();
  const name = label.of(definition);
  const testId = `customer-filter-attr-${definition.key}`;
  if (definition.type === 'enum' || definition.type === 'boolean') {
    const options =
      definition.type === 'enum'
        ? definition.options.map((o) => ({ value: o.value, label: label.option(definition, o.value) }))
        : [
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ];
    return <Select allowClear placeholder={name} value={value} onChange={(v) => onChange(v ?? undefined)} options={options} style={{ minWidth: 130 }} data-testid={testId} />;
  }
  return (
    <Input
      allowClear
      placeholder={name}
      type={definition.type === 'date' ? 'date' : definition.type === 'number' ? 'number' : 'text'}
      defaultValue={value}
      onPressEnter={(e) => onChange(e.currentTarget.value.trim() || undefined)}
      onBlur={(e) => onChange(e.currentTarget.value.trim() || undefined)}
      style={{ width: 160 }}
      data-testid={testId}
    />
  );
}

/**
 * One search box (name, pinyin or initials, mobile, ID number, policy number) and the filters;
 * typing searches once the user pauses.
 */
export function CustomerFilters({ filters, onChange }: { filters: CustomerListFilters; onChange: (filters: CustomerListFilters) => void }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const attributes = useCustomerAttributes();
  const [text, setText] = useState(filters.q ?? '');

  const latest = useRef({ filters, onChange });
  useEffect(() => {
    latest.current = { filters, onChange };
  });
  useEffect(() => {
    setText((current) => (current.trim() === (filters.q ?? '') ? current : (filters.q ?? '')));
  }, [filters.q]);
  useEffect(() => {
    const q = text.trim() || undefined;
    if (q === latest.current.filters.q) return;
    const timer = window.setTimeout(() => latest.current.onChange({ ...latest.current.filters, q }), 350);
    return () => window.clearTimeout(timer);
  }, [text]);

  const set = (patch: Partial<CustomerListFilters>) => onChange({ ...filters, ...patch });
  const setAttribute = (key: string, value: string | undefined) => {
    const next = { ...filters.attributes };
    if (value === undefined) delete next[key];
    else next[key] = value;
    set({ attributes: Object.keys(next).length > 0 ? next : undefined });
  };
  const filterable = (attributes.data ?? []).filter((a) => a.filterable);
  const hasFilters = Boolean(filters.q || filters.stage || filters.tier || filters.kind || filters.orgUnitId || filters.ownerAgentId || filters.attributes);

  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <Input
        allowClear
        size="large"
        prefix={<SearchOutlined />}
        placeholder={t('customers.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => set({ q: text.trim() || undefined })}
        data-testid="customer-search"
        aria-label={t('customers.searchPlaceholder')}
      />
      <Flex gap={8} wrap align="center">
        <Select
          allowClear
          placeholder={t('customers.stage')}
          value={filters.stage}
          onChange={(stage) => set({ stage: stage ?? undefined })}
          options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: labels.stage(s) }))}
          style={{ minWidth: 120 }}
          data-testid="customer-filter-stage"
        />
        <Select
          allowClear
          placeholder={t('customers.tier')}
          value={filters.tier}
          onChange={(tier) => set({ tier: tier ?? undefined })}
          options={TIERS.map((s) => ({ value: s, label: labels.tier(s) }))}
          style={{ minWidth: 110 }}
          data-testid="customer-filter-tier"
        />
        <Select
          allowClear
          placeholder={t('customers.kind')}
          value={filters.kind}
          onChange={(kind) => set({ kind: kind ?? undefined })}
          options={CUSTOMER_KINDS.map((s) => ({ value: s, label: labels.customerKind(s) }))}
          style={{ minWidth: 110 }}
          data-testid="customer-filter-kind"
        />
        {can(me, 'org:read') && (
          <OrgUnitTreeSelect
            allowClear
            disableClosed={false}
            placeholder={t('customers.orgUnit')}
            value={filters.orgUnitId}
            onChange={(orgUnitId) => set({ orgUnitId })}
            style={{ minWidth: 200 }}
            testId="customer-filter-org-unit"
          />
        )}
        {picksColleagues(me) ? (
          <StaffSelect
            role="agent"
            placeholder={t('customers.ownerAgent')}
            value={filters.ownerAgentId}
            onChange={(ownerAgentId) => set({ ownerAgentId })}
            style={{ minWidth: 180 }}
            testId="customer-filter-owner"
          />
        ) : (
          me.roles.includes('agent') && (
            <Select
              allowClear
              placeholder={t('customers.ownerAgent')}
              value={filters.ownerAgentId === me.id ? 'me' : undefined}
              onChange={(v) => set({ ownerAgentId: v ? me.id : undefined })}
              options={[{ value: 'me', label: t('customers.myCustomers') }]}
              style={{ minWidth: 140 }}
              data-testid="customer-filter-owner"
            />
          )
        )}
        {filterable.map((definition) => (
          <AttributeFilter
            key={`${definition.key}:${filters.attributes?.[definition.key] ?? ''}`}
            definition={definition}
            value={filters.attributes?.[definition.key]}
            onChange={(value) => setAttribute(definition.key, value)}
          />
        ))}
        {hasFilters && (
          <Button
            type="link"
            onClick={() => {
              setText('');
              onChange({ sort: filters.sort });
            }}
            data-testid="customer-filter-reset"
          >
            {t('common.reset')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
