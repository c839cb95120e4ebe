import type { TOrgLevel, TOrgUnit } from '@anxin/contracts';
import { ORG_LEVELS } from '@anxin/contracts';

/** The level a new unit under `level` must have (head office → province → city → outlet). */
export function childLevelOf(level: TOrgLevel): TOrgLevel | null {
  return ORG_LEVELS[ORG_LEVELS.indexOf(level) + 1] ?? null;
}

export interface OrgTreeNode {
  unit: TOrgUnit;
  children: OrgTreeNode[];
}

/**
 * Builds the org tree from the API's flat list. Units whose parent is outside the list (the top of
 * a branch user's scope) become roots; siblings are ordered by code.
 */
export function buildOrgTree(units: readonly TOrgUnit[]): OrgTreeNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { unit, children: [] as OrgTreeNode[] }]));
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgTreeNode[]) => {
    list.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Every unit id from the node down. */
export function idsOf(nodes: readonly OrgTreeNode[]): string[] {
  return nodes.flatMap((n) => [n.unit.id, ...idsOf(n.children)]);
}

/** The text a unit is searched and shown by in pickers: `杭州中心支公司 (ZJ-HZ)`. */
export const orgUnitLabel = (unit: Pick<TOrgUnit, 'name' | 'code'>) => `${unit.name} (${unit.code})`;
