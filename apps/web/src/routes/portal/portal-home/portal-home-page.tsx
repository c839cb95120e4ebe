import { FileAddOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortalMe } from '../../../api/portal.ts';
import { ClaimStatusTag } from '../../../components/claim-status-tag.tsx';
import { PolicyStatusTag } from '../../../components/policy-status-tag.tsx';
import { ComplaintStatusTag } from '../../complaints/components/complaint-status-tag.tsx';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';

/** The customer's home: a greeting, their claims (newest first) and their policies. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const me = usePortalMe().data!;
  const canReport = me.policies.some((p) => p.insured.length > 0);

  return (
    <Flex vertical gap={12} data-testid="portal-home">
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-greeting">
          {t('portal.home.greeting', { name: me.name })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('portal.home.mobileOnFile', { mobile: me.mobile })}</Typography.Text>
        <div style={{ marginTop: 12 }}>
          <Link to="/portal/claims/new">
            <Button type="primary" size="large" block icon={<FileAddOutlined />} disabled={!canReport} data-testid="portal-report-claim">
              {t('portal.home.reportClaim')}
            </Button>
          </Link>
        </div>
      </Card>

      <Card size="small" title={t('portal.home.claims')}>
        {me.claims.length === 0 ? (
          <Empty description={t('portal.home.noClaims')} />
        ) : (
          <List
            dataSource={me.claims}
            rowKey="id"
            renderItem={(c) => (
              <List.Item data-testid="portal-claim-item" data-claim-no={c.claimNo} actions={[<RightOutlined key="open" />]}>
                <Link to={`/portal/claims/${c.id}`} style={{ color: 'inherit', flex: 1 }}>
                  <Flex vertical gap={2}>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text strong className="anxin-mono">
                        {c.claimNo}
                      </Typography.Text>
                      <ClaimStatusTag status={c.status} />
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('portal.home.claimLine', { insured: c.insuredName, reportedAt: format.dateTime(c.reportedAt), amount: format.fen(c.amountClaimedFen) })}
                    </Typography.Text>
                    {c.amountPaidFen > 0 && <Typography.Text type="success">{t('portal.home.paid', { amount: format.fen(c.amountPaidFen) })}</Typography.Text>}
                  </Flex>
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card
        size="small"
        title={t('portal.home.complaints')}
        extra={
          <Link to="/portal/complaints/new" data-testid="portal-complain">
            {t('portal.home.complain')}
          </Link>
        }
      >
        {me.complaints.length === 0 ? (
          <Typography.Text type="secondary">{t('portal.home.noComplaints')}</Typography.Text>
        ) : (
          <List
            dataSource={me.complaints}
            rowKey="id"
            renderItem={(c) => (
              <List.Item data-testid="portal-complaint-item" data-complaint-no={c.complaintNo} actions={[<RightOutlined key="open" />]}>
                <Link to={`/portal/complaints/${c.id}`} style={{ color: 'inherit', flex: 1 }}>
                  <Flex vertical gap={2}>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text strong className="anxin-mono">
                        {c.complaintNo}
                      </Typography.Text>
                      <ComplaintStatusTag status={c.status} />
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {`${c.subject} · ${format.dateTime(c.receivedAt)}`}
                    </Typography.Text>
                  </Flex>
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card size="small" title={t('portal.home.policies')}>
        {me.policies.length === 0 ? (
          <Empty description={t('portal.home.noPolicies')} />
        ) : (
          <List
            dataSource={me.policies}
            rowKey="id"
            renderItem={(p) => (
              <List.Item data-testid="portal-policy-item">
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{p.productName}</Typography.Text>
                    <PolicyStatusTag status={p.status} />
                    {p.holder && <Tag>{t('portal.home.holder')}</Tag>}
                  </Flex>
                  <Typography.Text type="secondary" className="anxin-mono" style={{ fontSize: 13 }}>
                    {p.policyNo} · {labels.productLine(p.line)} · {format.date(p.effectiveOn)} – {format.date(p.expiresOn)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('portal.home.insured', { names: p.insured.map((i) => i.name).join('、') || t('common.none') })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
