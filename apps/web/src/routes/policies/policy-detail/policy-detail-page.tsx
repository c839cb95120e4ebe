import { AuditOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import type { TEndorsement, TPolicyParty, TUnderwritingDecision, TUnderwritingDecisionKind } from '@anxin/contracts';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePolicy } from '../../../api/policies.ts';
import { useUnderwritingDecisions } from '../../../api/underwriting.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PolicyStatusTag } from '../../../components/policy-status-tag.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';
import { EndorsementModal } from './components/endorsement-modal.tsx';
import { StatusChangeModal } from './components/status-change-modal.tsx';
import { UnderwritingDecisionModal } from './components/underwriting-decision-modal.tsx';

const ROLE_ORDER = { applicant: 0, insured: 1, beneficiary: 2 } as const;

/** One policy: terms, parties (beneficiaries with shares), coverages, endorsements with who/when; status and endorsement actions. */
/** Status reasons the server writes itself (renewal, end of term, blacklist referral), by their text keys. */
const SYSTEM_STATUS_REASONS: Record<string, 'termEnded' | 'renewed' | 'blacklistReferral'> = {
  term_ended: 'termEnded',
  renewed: 'renewed',
  'underwriting_referral: blacklist': 'blacklistReferral',
};

export function PolicyDetailPage() {
  const { policyId } = useParams();
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  // The system's own reasons in words; a person's reason as they wrote it.
  const statusReasonText = (reason: string) => {
    const key = SYSTEM_STATUS_REASONS[reason];
    if (key) return t(`policies.statusReasons.${key}`);
    // "underwriting: conditional", written by an underwriting decision (its reasons stay with the decision).
    const underwritten = /^underwriting: (standard|preferential|conditional|declined)$/.exec(reason);
    if (underwritten) return t('underwriting.statusReason', { decision: t(`underwriting.decisions.${underwritten[1] as TUnderwritingDecisionKind}`) });
    return reason;
  };
  const policy = usePolicy(policyId);
  const decisions = useUnderwritingDecisions(policyId ?? '');
  const [dialog, setDialog] = useState<'status' | 'endorsement' | 'underwriting' | null>(null);

  if (policy.isPending) return <Skeleton active />;
  if (policy.isError)
    return (
      <div data-testid="policy-detail-page">
        <PageHeader title={t('policies.detailTitle')} />
        <ProblemAlert error={policy.error} testId="policy-detail-error" />
      </div>
    );
  const p = policy.data;
  const writes = can(me, 'policy:write');
  const underwrites = can(me, 'underwriting:decide') && p.status === 'pending';
  const decisionColumns: TableColumnsType<TUnderwritingDecision> = [
    { title: t('underwriting.decision'), dataIndex: 'decision', render: (_, d) => <Tag color={d.decision === 'declined' ? 'red' : d.decision === 'conditional' ? 'orange' : 'green'}>{t(`underwriting.decisions.${d.decision}`)}</Tag> },
    {
      title: t('policies.premium'),
      key: 'premium',
      align: 'right',
      render: (_, d) => (d.premiumBeforeFen === d.premiumAfterFen ? format.fen(d.premiumAfterFen) : `${format.fen(d.premiumBeforeFen)} → ${format.fen(d.premiumAfterFen)} (${d.premiumAdjustmentPct! > 0 ? '+' : ''}${d.premiumAdjustmentPct}%)`),
    },
    { title: t('underwriting.exclusions'), dataIndex: 'exclusions', render: (v: string | null) => v ?? none },
    { title: t('underwriting.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? none },
    {
      title: t('underwriting.decidedBy'),
      key: 'by',
      render: (_, d) => (
        <Flex vertical>
          <span>{d.decidedBy}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.dateTime(d.decidedAt)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  const none = t('common.none');

  const partyColumns: TableColumnsType<TPolicyParty> = [
    { title: t('policies.role'), dataIndex: 'role', render: (_, party) => <Tag>{labels.partyRole(party.role)}</Tag> },
    { title: t('customers.name'), dataIndex: 'name', render: (_, party) => <Link to={`/customers/${party.customerId}`}>{party.name}</Link> },
    { title: t('policies.share'), dataIndex: 'sharePct', align: 'right', render: (v: number | null) => (v === null ? none : `${v}%`) },
  ];
  /** What an endorsement changed, in the reader's language (the English summary where the server has no structured change). */
  const changeText = (e: TEndorsement): string => {
    const c = e.change;
    if (!c) return e.summary;
    switch (c.type) {
      case 'address_change':
        return t('policies.changes.address', { address: c.addressMasked });
      case 'beneficiary_change': {
        const list = (b: { name: string; sharePct: number }[]) => (b.length === 0 ? t('policies.changes.legalHeirs') : b.map((x) => `${x.name} ${x.sharePct}%`).join('、'));
        return t('policies.changes.beneficiaries', { before: list(c.before), after: list(c.after) });
      }
      case 'payment_method_change':
        return t('policies.changes.paymentMethod', { from: c.from ? labels.paymentMethod(c.from) : none, to: labels.paymentMethod(c.to) }) + (c.bankAccountMasked ? t('policies.changes.account', { account: c.bankAccountMasked }) : '');
      case 'surrender':
        return t('policies.changes.surrender', { value: format.fen(c.surrenderValueFen) });
      case 'other':
        return c.description;
    }
  };
  const endorsementColumns: TableColumnsType<TEndorsement> = [
    { title: t('policies.endorsementType'), dataIndex: 'type', render: (_, e) => <Tag>{labels.endorsementType(e.type)}</Tag> },
    { title: t('policies.effectiveOn'), dataIndex: 'effectiveOn', render: (v: string) => format.date(v) },
    { title: t('policies.change'), dataIndex: 'summary', render: (_, e) => <span data-testid={`endorsement-change-${e.type}`}>{changeText(e)}</span> },
    { title: t('policies.reason'), dataIndex: 'reason' },
    { title: t('policies.surrenderValue'), dataIndex: 'surrenderValueFen', align: 'right', render: (v: number | null) => (v === null ? none : format.fen(v)) },
    {
      title: t('policies.recordedBy'),
      key: 'by',
      render: (_, e) => (
        <Flex vertical>
          <span>{e.createdBy.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.dateTime(e.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <div data-testid="policy-detail-page" data-policy-id={p.id}>
      <PageHeader
        title={t('policies.detailTitleOf', { policyNo: p.policyNo })}
        description={`${p.product.name} · ${labels.productLine(p.product.line)}`}
        extra={
          (writes || underwrites) && (
            <>
              {underwrites && (
                <Button type="primary" icon={<AuditOutlined />} onClick={() => setDialog('underwriting')} data-testid="policy-underwrite">
                  {t('underwriting.decide')}
                </Button>
              )}
              {writes && (
              <>
              <Button icon={<SwapOutlined />} onClick={() => setDialog('status')} data-testid="policy-change-status">
                {t('policies.changeStatus')}
              </Button>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setDialog('endorsement')} disabled={p.status !== 'in_force'} data-testid="policy-add-endorsement">
                {t('policies.addEndorsement')}
              </Button>
              </>
              )}
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('policies.terms')}>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'no', label: t('policies.policyNo'), children: <span className="anxin-mono" data-testid="policy-no">{p.policyNo}</span> },
                { key: 'status', label: t('policies.status'), children: <span data-testid="policy-status"><PolicyStatusTag status={p.status} /></span> },
                { key: 'product', label: t('policies.product'), children: `${p.product.name} (${p.product.code})` },
                { key: 'line', label: t('products.line'), children: labels.productLine(p.product.line) },
                { key: 'sum', label: t('policies.sumInsured'), children: format.fen(p.sumInsuredFen) },
                { key: 'premium', label: t('policies.premium'), children: `${format.fen(p.premiumFen)} · ${labels.paymentFrequency(p.paymentFrequency)}` },
                { key: 'method', label: t('policies.paymentMethod'), children: p.paymentMethod ? labels.paymentMethod(p.paymentMethod) : none },
                { key: 'bank', label: t('customers.bankAccount'), children: <span className="anxin-mono">{p.bankAccountMasked ?? none}</span> },
                { key: 'effective', label: t('policies.effectiveOn'), children: format.date(p.effectiveOn) },
                { key: 'expires', label: t('policies.expiresOn'), children: format.date(p.expiresOn) },
                { key: 'cooling', label: t('policies.coolingOffEndsOn'), children: format.date(p.coolingOffEndsOn) },
                { key: 'agent', label: t('policies.agent'), children: p.agent.name },
                { key: 'org', label: t('policies.orgUnit'), children: p.orgUnit.name },
                {
                  key: 'renewal',
                  label: t('policies.renewal'),
                  children: (
                    <Flex vertical>
                      {p.renewalOfId && <Link to={`/policies/${p.renewalOfId}`}>{t('policies.renewalOf')}</Link>}
                      {p.renewedById && <Link to={`/policies/${p.renewedById}`}>{t('policies.renewedBy')}</Link>}
                      {!p.renewalOfId && !p.renewedById && none}
                    </Flex>
                  ),
                },
                ...(p.statusReason ? [{ key: 'reason', label: t('policies.statusReason'), span: 2, children: statusReasonText(p.statusReason) }] : []),
                ...(p.surrenderValueFen !== null ? [{ key: 'surrender', label: t('policies.surrenderValue'), children: format.fen(p.surrenderValueFen) }] : []),
                { key: 'created', label: t('customers.createdAt'), children: format.dateTime(p.createdAt) },
                { key: 'updated', label: t('customers.updatedAt'), children: format.dateTime(p.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card title={t('policies.parties')}>
              <Table<TPolicyParty>
                rowKey={(party) => `${party.role}:${party.customerId}`}
                size="small"
                pagination={false}
                columns={partyColumns}
                dataSource={[...p.parties].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])}
                onRow={(party) => ({ 'data-testid': `policy-party-${party.role}-${party.customerId}` }) as HTMLAttributes<HTMLElement>}
              />
              {!p.parties.some((party) => party.role === 'beneficiary') && (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
                  {t('policies.legalHeirs')}
                </Typography.Text>
              )}
            </Card>
            <Card title={t('products.coverages')}>
              <Flex gap={6} wrap>
                {p.coverages.map((c) => (
                  <Tag key={c.code} title={c.code}>
                    {c.name}
                  </Tag>
                ))}
              </Flex>
            </Card>
          </Flex>
        </Col>
        {(p.status === 'pending' || (decisions.data?.items.length ?? 0) > 0) && (
          <Col span={24}>
            <Card title={t('underwriting.decisionsTitle')} data-testid="policy-underwriting">
              {decisions.isError && <ProblemAlert error={decisions.error} style={{ marginBottom: 16 }} />}
              <Table<TUnderwritingDecision>
                rowKey="id"
                size="small"
                pagination={false}
                columns={decisionColumns}
                dataSource={decisions.data?.items ?? []}
                loading={decisions.isPending}
                locale={{ emptyText: t('underwriting.awaiting') }}
                onRow={(d) => ({ 'data-testid': `policy-underwriting-${d.decision}` }) as HTMLAttributes<HTMLElement>}
              />
            </Card>
          </Col>
        )}
        <Col span={24}>
          <Card title={t('policies.endorsements')}>
            <Table<TEndorsement>
              rowKey="id"
              size="small"
              pagination={false}
              columns={endorsementColumns}
              dataSource={p.endorsements}
              locale={{ emptyText: t('policies.noEndorsements') }}
              onRow={(e) => ({ 'data-testid': `policy-endorsement-${e.id}` }) as HTMLAttributes<HTMLElement>}
            />
          </Card>
        </Col>
      </Row>
      {dialog === 'status' && <StatusChangeModal policy={p} onClose={() => setDialog(null)} />}
      {dialog === 'endorsement' && <EndorsementModal policy={p} onClose={() => setDialog(null)} />}
      {dialog === 'underwriting' && <UnderwritingDecisionModal policy={p} onClose={() => setDialog(null)} />}
    </div>
  );
}
