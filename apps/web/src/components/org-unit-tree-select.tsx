import type { TOrgUnit } from '@anxin/contracts';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrgUnits } from '../api/org-units.ts';
import { buildOrgTree, orgUnitLabel, type OrgTreeNode } from './org-unit-tree.ts';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

interface OrgUnitTreeSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Closed units cannot take new staff or keys: they show but cannot be picked. */
  disableClosed?: boolean;
  /** Units shown but not pickable (e.g. where a complaint already is). */
  disabledIds?: readonly string[];
  testId?: string;
  style?: React.CSSProperties;
  id?: string;
}

/**
 * Picks an org unit from the caller's subtree. Typing filters by name or code (the option title
 * holds both), and Enter picks the first match.
 */
export function OrgUnitTreeSelect({ value, onChange, placeholder, allowClear, disableClosed = true, disabledIds, testId, style, id }: OrgUnitTreeSelectProps) {
  const units = useOrgUnits();
  const treeData = useMemo(() => {
    const toOption = (node: OrgTreeNode): TreeOption => ({
      value: node.unit.id,
      title: orgUnitLabel(node.unit),
      disabled: (disableClosed && node.unit.status === 'closed') || (disabledIds?.includes(node.unit.id) ?? false),
      children: node.children.map(toOption),
    });
    return buildOrgTree(units.data ?? []).map(toOption);
  }, [units.data, disableClosed, disabledIds]);

  return (
    <TreeSelect<string, TreeOption>
      id={id}
      data-testid={testId}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      loading={units.isPending}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}

/** The unit with `id` from the cached list, if loaded. */
export function useOrgUnit(id: string | undefined): TOrgUnit | undefined {
  const units = useOrgUnits();
  return id ? units.data?.find((u) => u.id === id) : undefined;
}
