import type { TRole } from '@anxin/contracts';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useStaff, useStaffList } from '../api/staff.ts';

interface StaffSelectProps {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  /** Only staff with this role (e.g. agents as customer owners). */
  role?: TRole;
  testId?: string;
  id?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** Picks one staff member of the caller's scope by typing part of a name or username (server-side search). */
export function StaffSelect({ value, onChange, placeholder, role, testId, id, allowClear = true, style }: StaffSelectProps) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const results = useStaffList({ page: 1, pageSize: 20, q: query || undefined, role, status: 'active' });
  // A chosen person (e.g. from a shared link) is shown by name even when not in the current results.
  const selected = useStaff(value && !results.data?.items.some((s) => s.id === value) ? value : undefined);

  const options = (results.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.displayName} (${s.username})` }));
  if (selected.data && !options.some((o) => o.value === selected.data.id)) {
    options.unshift({ value: selected.data.id, label: `${selected.data.displayName} (${selected.data.username})` });
  }

  return (
    <Select<string>
      id={id}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={(open) => !open && setText('')}
      loading={results.isFetching}
      options={options}
      data-testid={testId}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
