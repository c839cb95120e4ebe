import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useStaff, useStaffList } from '../../../../api/staff.ts';

/** Picks one staff member by typing part of a name or username (server-side search). */
export function StaffPicker({ value, onChange, placeholder }: { value?: string; onChange?: (id: string | undefined) => void; placeholder?: string }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const results = useStaffList({ page: 1, pageSize: 20, q: query || undefined });
  // A chosen actor (e.g. from a shared link) is shown by name even when not in the current results.
  const selected = useStaff(value && !results.data?.items.some((s) => s.id === value) ? value : undefined);

  const options = (results.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.displayName} (${s.username})` }));
  if (selected.data && !options.some((o) => o.value === selected.data.id)) {
    options.unshift({ value: selected.data.id, label: `${selected.data.displayName} (${selected.data.username})` });
  }

  return (
    <Select<string>
      allowClear
      value={value}
      onChange={(id) => onChange?.(id ?? undefined)}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={(open) => !open && setText('')}
      loading={results.isFetching}
      options={options}
      data-testid="audit-filter-actor"
    />
  );
}
