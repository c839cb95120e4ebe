import type { TRole } from '@anxin/contracts';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useColleagues } from '../api/staff.ts';

interface StaffSelectProps {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  /** Only staff with this role (e.g. agents as customer owners). */
  role?: TRole;
  /** Only staff whose roles grant this permission (e.g. `risk_alert:work` for a risk alert's handler). */
  permission?: string;
  /** Only staff of this unit and the units below it (e.g. a risk alert's unit). */
  underUnitId?: string;
  testId?: string;
  id?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/**
 * Picks one active colleague of the caller's scope by typing part of a name or username
 * (server-side search in the colleague directory, which every staff member may use).
 */
export function StaffSelect({ value, onChange, placeholder, role, permission, underUnitId, testId, id, allowClear = true, style }: StaffSelectProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const results = useColleagues({ q: query || undefined, role, permission, underUnitId });
  // A chosen person (e.g. from a shared link) is shown by name even when not in the current results.
  const missing = Boolean(value) && !results.data?.items.some((s) => s.id === value);
  const selected = useColleagues({ id: value ?? undefined }, { enabled: missing });

  const labelOf = (s: { displayName: string; username: string; unitName: string; active: boolean }) => `${s.displayName} (${s.username}) · ${s.unitName}${s.active ? '' : ` · ${t('staffStatus.disabled')}`}`;
  const options = (results.data?.items ?? []).map((s) => ({ value: s.id, label: labelOf(s) }));
  const chosen = missing ? selected.data?.items[0] : undefined;
  if (chosen && !options.some((o) => o.value === chosen.id)) options.unshift({ value: chosen.id, label: labelOf(chosen) });

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
