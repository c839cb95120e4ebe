import { ZCustomer360PoliciesSection, type TCustomer360, type TCustomer360PoliciesSection, type TProductLine } from '@anxin/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PolicyStatusTag } from '../../../../components/policy-status-tag.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';
import { usePolicyColumns } from '../../../policies/components/policy-columns.tsx';

type Holding = TCustomer360PoliciesSection['items'][number];

/** Lines a protection-gap hint is worth giving for, by customer kind (a company needs no critical-illness cover). */
const GAP_LINES: Record<TCustomer360['customer']['kind'], readonly TProductLine[]> = {
  person: ['life', 'critical_illness', 'medical', 'accident', 'annuity'],
  organisation: ['property', 'liability'],
};

const parse = (data: unknown) => {
  const parsed = ZCustomer360PoliciesSection.safeParse(data);
  return parsed.success ? parsed.data : null;
};

/** Policies the 360 log-interaction dialog can link to. */
export function policyOptionsOf(data: unknown): { id: string; label: string }[] {
  return (parse(data)?.items ?? []).map((p) => ({ id: p.id, label: `${p.policyNo} · ${p.product.name}` }));
}

/** The 360 view's policies section: cover by line, protection-gap hints and every holding in any role. */
export function PoliciesSectionCard({ data, view }: { data: unknown; view: TCustomer360 }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const section = parse(data);
  const policyColumns = usePolicyColumns<Holding>();
  if (!section) return <Alert type="warning" showIcon title={t('customer360.sectionUnreadable')} />;

  const gaps = section.uncoveredLines.filter((line) => GAP_LINES[view.customer.kind].includes(line));
  const columns: TableColumnsType<Holding> = [
    policyColumns.policyNo('customer-policy-'),
    policyColumns.product,
    {
      title: t('policies.roles'),
      key: 'roles',
      render: (_, p) => (
        <Flex gap={4} wrap>
          {p.roles.map((role) => (
            <Tag key={role} style={{ marginInlineEnd: 0 }}>
              {labels.partyRole(role)}
              {role === 'beneficiary' && p.sharePct !== null ? ` ${p.sharePct}%` : ''}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('policies.insured'), key: 'insured', render: (_, p) => p.insured.map((i) => i.name).join(t('imports.listSeparator')) || t('common.none') },
    { title: t('policies.status'), dataIndex: 'status', render: (_, p) => <PolicyStatusTag status={p.status} /> },
    policyColumns.sumInsured,
    policyColumns.premium,
    { title: t('policies.period'), key: 'period', render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{`${format.date(p.effectiveOn)} ~ ${format.date(p.expiresOn)}`}</span> },
  ];

  return (
    <Flex vertical gap={16} data-testid="customer-policies">
      <div>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('customer360.policiesSummary')}
          </Typography.Title>
          {can(me, 'policy:write') && (
            <Button icon={<PlusOutlined />} onClick={() => void navigate(`/policies/new?customerId=${view.customer.id}`)} data-testid="customer-enter-policy">
              {t('policies.create')}
            </Button>
          )}
        </Flex>
        {section.coverageByLine.length === 0 ? (
          <Typography.Text type="secondary">{t('customer360.noCoverInForce')}</Typography.Text>
        ) : (
          <Row gutter={[12, 12]}>
            {section.coverageByLine.map((c) => (
              <Col xs={12} md={8} xl={6} key={c.line}>
                <Card size="small" data-testid={`customer-cover-${c.line}`}>
                  <Statistic title={labels.productLine(c.line)} value={format.fen(c.sumInsuredFen)} />
                  <Typography.Text type="secondary">{t('customer360.policiesCount', { count: c.policiesInForce })}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </div>
      {gaps.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="customer-protection-gaps"
          title={t('customer360.protectionGaps')}
          description={
            <Flex gap={4} wrap align="center">
              <span>{t('customer360.protectionGapsIntro')}</span>
              {gaps.map((line) => (
                <Tag key={line} color="orange" style={{ marginInlineEnd: 0 }}>
                  {labels.productLine(line)}
                </Tag>
              ))}
            </Flex>
          }
        />
      )}
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.noPolicies')} />
      ) : (
        <Table<Holding>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={section.items}
          pagination={section.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          onRow={(p) => ({ 'data-testid': `customer-policy-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Flex>
  );
}
