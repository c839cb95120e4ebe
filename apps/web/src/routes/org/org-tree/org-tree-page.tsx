import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { TOrgUnit } from '@anxin/contracts';
import { Button, Card, Col, Empty, Input, Row, Spin, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useOrgUnits } from '../../../api/org-units.ts';
import { buildOrgTree, idsOf, type OrgTreeNode } from '../../../components/org-unit-tree.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { OrgUnitDetail } from './components/org-unit-detail.tsx';

/** Keeps the nodes that match `text` and their ancestors, so a match is shown in its place. */
function filterTree(nodes: readonly OrgTreeNode[], text: string): OrgTreeNode[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...nodes];
  return nodes.flatMap((node) => {
    const children = filterTree(node.children, text);
    const matches = node.unit.name.toLowerCase().includes(needle) || node.unit.code.toLowerCase().includes(needle);
    return matches || children.length > 0 ? [{ unit: node.unit, children: matches ? node.children : children }] : [];
  });
}

function OrgNodeTitle({ unit }: { unit: TOrgUnit }) {
  const labels = useLabels();
  return (
    <span data-testid={`org-node-${unit.code}`}>
      <span style={unit.status === 'closed' ? { textDecoration: 'line-through', opacity: 0.6 } : undefined}>{unit.name}</span>{' '}
      <Typography.Text type="secondary" className="anxin-mono">
        {unit.code}
      </Typography.Text>
      {unit.status === 'closed' && (
        <Tag style={{ marginInlineStart: 6 }} variant="filled">
          {labels.orgStatus('closed')}
        </Tag>
      )}
    </span>
  );
}

export function OrgTreePage() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const [searchParams, setSearchParams] = useSearchParams();
  const [filter, setFilter] = useState('');
  const [collapsedKeys, setCollapsedKeys] = useState<Set<Key>>(new Set());

  const tree = useMemo(() => buildOrgTree(units.data ?? []), [units.data]);
  const visible = useMemo(() => filterTree(tree, filter), [tree, filter]);
  const treeData = useMemo(() => {
    const toNode = (node: OrgTreeNode): TreeDataNode => ({ key: node.unit.id, title: <OrgNodeTitle unit={node.unit} />, children: node.children.map(toNode) });
    return visible.map(toNode);
  }, [visible]);
  // Everything starts expanded (the tree is a few hundred units at most); the user may fold branches.
  const expandedKeys = useMemo(() => idsOf(visible).filter((id) => filter || !collapsedKeys.has(id)), [visible, filter, collapsedKeys]);

  const selectedId = searchParams.get('unit') ?? tree[0]?.unit.id;
  const selected = units.data?.find((u) => u.id === selectedId);
  const parent = selected?.parentId ? units.data?.find((u) => u.id === selected.parentId) : undefined;

  const select = (id: string) => setSearchParams((prev) => ({ ...Object.fromEntries(prev), unit: id }), { replace: true });

  return (
    <div data-testid="org-page">
      <PageHeader
        title={t('org.title')}
        description={t('org.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void units.refetch()} loading={units.isFetching && !units.isPending}>
            {t('common.refresh')}
          </Button>
        }
      />
      {units.isError && <ProblemAlert error={units.error} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={10} xl={9}>
          <Card>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('org.searchPlaceholder')}
              onChange={(e) => setFilter(e.target.value)}
              style={{ marginBottom: 12 }}
              data-testid="org-search"
            />
            <Spin spinning={units.isPending}>
              <div data-testid="org-tree">
                {treeData.length > 0 ? (
                  <Tree
                    blockNode
                    showLine
                    treeData={treeData}
                    expandedKeys={expandedKeys}
                    onExpand={(_keys, info) => {
                      if (filter) return;
                      const next = new Set(collapsedKeys);
                      if (info.expanded) next.delete(info.node.key);
                      else next.add(info.node.key);
                      setCollapsedKeys(next);
                    }}
                    selectedKeys={selectedId ? [selectedId] : []}
                    onSelect={(keys) => keys[0] !== undefined && select(String(keys[0]))}
                  />
                ) : (
                  !units.isPending && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter ? t('org.noMatch') : t('org.empty')} />
                )}
              </div>
            </Spin>
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {selected ? (
            <OrgUnitDetail key={selected.id} unit={selected} parent={parent} onCreated={(unit) => select(unit.id)} />
          ) : (
            <Card>
              <Empty description={t('org.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
