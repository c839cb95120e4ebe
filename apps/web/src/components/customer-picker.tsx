import type { TCustomerSummary } from '@anxin/contracts';
import { Flex, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomer, useCustomers } from '../api/customers.ts';

interface CustomerPickerProps {
  value?: string | null;
  onChange?: (id: string | undefined, customer?: TCustomerSummary) => void;
  placeholder?: string;
  /** Customers that cannot be picked (e.g. the customer itself). */
  excludeIds?: readonly string[];
  testId?: string;
  id?: string;
  style?: React.CSSProperties;
}

/** Picks a customer by name, pinyin, initials, mobile or ID number (server-side search, masked results). */
export function CustomerPicker({ value, onChange, placeholder, excludeIds = [], testId, id, style }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const results = useCustomers({ q: query || undefined, sort: 'name' }, { limit: 20, enabled: query.length > 0 });
  const items = (results.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => !excludeIds.includes(c.id));
  const selected = useCustomer(value && !items.some((c) => c.id === value) ? value : undefined);

  const options = items.map((c) => ({
    value: c.id,
    label: c.name,
    customer: c,
  }));
  if (selected.data && !options.some((o) => o.value === selected.data.id)) {
    options.unshift({ value: selected.data.id, label: selected.data.name, customer: selected.data });
  }

  return (
    <Select<string, (typeof options)[number]>
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(next, option) => onChange?.(next ?? undefined, Array.isArray(option) ? undefined : option?.customer)}
      placeholder={placeholder ?? t('customers.pickerPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={(open) => !open && setText('')}
      loading={results.isFetching}
      notFoundContent={query ? t('customers.noMatch') : t('customers.typeToSearch')}
      options={options}
      optionRender={(option) => {
        const c = option.data.customer;
        return (
          <Flex justify="space-between" gap={8} data-testid={`customer-option-${c.id}`}>
            <span>{c.name}</span>
            <Typography.Text type="secondary" className="anxin-mono">
              {[c.birthDate, c.mobile ?? c.idNumber].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Flex>
        );
      }}
      data-testid={testId}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
