import { SearchOutlined } from '@ant-design/icons';
import type { TRole } from '@anxin/contracts';
import { ROLES } from '@anxin/contracts';
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffListParams } from '../../../../api/staff.ts';
import { OrgUnitTreeSelect } from '../../../../components/org-unit-tree-select.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

/** Search box (debounced), org unit, role and status filters; any change returns to page 1. */
export function StaffFilters({ params, onChange }: { params: StaffListParams; onChange: (params: StaffListParams) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const canReadOrg = can(useCurrentUser(), 'org:read');
  const [text, setText] = useState(params.q ?? '');

  const latest = useRef({ params, onChange });
  useEffect(() => {
    latest.current = { params, onChange };
  });

  // The URL can change the search from outside (e.g. after creating an account): follow it.
  useEffect(() => {
    setText((current) => (current.trim() === (params.q ?? '') ? current : (params.q ?? '')));
  }, [params.q]);

  // Typing searches once the user pauses.
  useEffect(() => {
    const q = text.trim() || undefined;
    if (q === latest.current.params.q) return;
    const timer = window.setTimeout(() => latest.current.onChange({ ...latest.current.params, q, page: 1 }), 350);
    return () => window.clearTimeout(timer);
  }, [text]);

  const set = (patch: Partial<StaffListParams>) => onChange({ ...params, ...patch, page: 1 });

  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => set({ q: text.trim() || undefined })}
        placeholder={t('staff.searchPlaceholder')}
        style={{ width: 240 }}
        maxLength={50}
        data-testid="staff-search"
      />
      {canReadOrg && (
        <>
          <OrgUnitTreeSelect
            value={params.orgUnitId}
            onChange={(orgUnitId) => set({ orgUnitId })}
            placeholder={t('staff.orgUnitFilter')}
            allowClear
            disableClosed={false}
            style={{ width: 240 }}
            testId="staff-filter-org-unit"
          />
          <Checkbox
            checked={params.includeDescendants !== false}
            disabled={!params.orgUnitId}
            onChange={(e) => set({ includeDescendants: e.target.checked })}
          >
            {t('staff.includeDescendants')}
          </Checkbox>
        </>
      )}
      <Select<TRole>
        allowClear
        value={params.role}
        onChange={(role) => set({ role })}
        placeholder={t('staff.roleFilter')}
        style={{ width: 180 }}
        options={ROLES.map((role) => ({ value: role, label: labels.role(role) }))}
        data-testid="staff-filter-role"
      />
      <Select<'active' | 'disabled'>
        allowClear
        value={params.status}
        onChange={(status) => set({ status })}
        placeholder={t('staff.statusFilter')}
        style={{ width: 140 }}
        options={(['active', 'disabled'] as const).map((status) => ({ value: status, label: labels.staffStatus(status) }))}
        data-testid="staff-filter-status"
      />
      <Button onClick={() => onChange({ page: 1, pageSize: params.pageSize })}>{t('common.reset')}</Button>
    </Flex>
  );
}
