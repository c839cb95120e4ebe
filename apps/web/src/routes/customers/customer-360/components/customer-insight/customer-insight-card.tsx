import { ArrowDownOutlined, ArrowUpOutlined, CheckOutlined, MinusOutlined } from '@ant-design/icons';
import type { TCustomerMetrics } from '@anxin/contracts';
import { Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCustomerEntitlements, useCustomerMetrics, type TCustomerEntitlements } from '../../../../../api/customer-insight.ts';
import { ProblemAlert } from '../../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../../components/require-session.tsx';
import { useFormat } from '../../../../../format.ts';
import { useLabels } from '../../../../../i18n/labels.ts';
import { can } from '../../../../../permissions.ts';

const TIER_COLORS = { platinum: 'purple', gold: 'gold', silver: 'default', standard: 'blue' } as const;
const LIFECYCLE_COLORS = { potential: 'blue', loyal: 'green', churn_risk: 'red', developing: 'cyan' } as const;
const QUADRANT_COLORS = { care_and_retain: 'green', may_switch: 'orange', repair_relationship: 'gold', evaluate: 'default' } as const;
const TREND_ICONS = { none: <MinusOutlined />, rising: <ArrowUpOutlined />, steady: <MinusOutlined />, falling: <ArrowDownOutlined /> } as const;

/**
 * The customer's segmentation figures on the 360 view (S1, S2, S4, S5, S7): RFM, lifecycle and
 * quadrant with their strategy, loss ratio, claims and contact trend, and the tier's entitlements.
 */
export function CustomerInsightCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const metrics = useCustomerMetrics(customerId);
  const entitlements = useCustomerEntitlements(customerId);

  return (
    <Row gutter={[16, 16]} data-testid="customer-insight">
      <Col xs={24} xl={15}>
        <Card
          size="small"
          title={t('customerInsight.title')}
          extra={
            metrics.data && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="customer-insight-computed-at">
                {t('customerInsight.computedAt', { at: format.dateTime(metrics.data.computedAt) })}
              </Typography.Text>
            )
          }
        >
          {metrics.isPending && <Skeleton active />}
          {metrics.isError && <ProblemAlert error={metrics.error} testId="customer-insight-error" />}
          {metrics.data === null && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerInsight.notComputed')} data-testid="customer-insight-not-computed" />}
          {metrics.data && <MetricsFigures metrics={metrics.data} />}
          {can(me, 'risk_alert:read') && (
            <div style={{ marginTop: 12 }}>
              <Link to={`/risk-alerts?customerId=${customerId}`} data-testid="customer-insight-alerts">
                {t('customerInsight.viewAlerts')}
              </Link>
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('customerInsight.entitlements')}>
          {entitlements.isPending && <Skeleton active />}
          {entitlements.isError && <ProblemAlert error={entitlements.error} testId="customer-entitlements-error" />}
          {entitlements.data && <Entitlements data={entitlements.data} />}
        </Card>
      </Col>
    </Row>
  );
}

function Strategy({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
}

function MetricsFigures({ metrics: m }: { metrics: TCustomerMetrics }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notSegmented = <Typography.Text type="secondary">{t('customerInsight.notSegmented')}</Typography.Text>;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'rfm',
          label: (
            <Tooltip title={t('customerInsight.rfmHelp')}>
              <span>{t('customerInsight.rfm')}</span>
            </Tooltip>
          ),
          children: m.rfm ? (
            <Flex vertical gap={2} data-testid="customer-insight-rfm" data-segment={m.rfm.segment}>
              <span>
                <Tag color="geekblue">{t(`segmentation.rfm.${m.rfm.segment}`)}</Tag>
              </span>
              <Strategy>{t('customerInsight.rfmScores', { r: m.rfm.r, f: m.rfm.f, m: m.rfm.m })}</Strategy>
            </Flex>
          ) : (
            notSegmented
          ),
        },
        {
          key: 'lifecycle',
          label: t('customerInsight.lifecycle'),
          children: m.lifecycleSegment ? (
            <Flex vertical gap={2} data-testid="customer-insight-lifecycle" data-segment={m.lifecycleSegment}>
              <span>
                <Tag color={LIFECYCLE_COLORS[m.lifecycleSegment]}>{t(`segmentation.lifecycle.${m.lifecycleSegment}`)}</Tag>
              </span>
              <Strategy>{t(`segmentation.lifecycleStrategy.${m.lifecycleSegment}`)}</Strategy>
            </Flex>
          ) : (
            notSegmented
          ),
        },
        {
          key: 'quadrant',
          label: t('customerInsight.quadrant'),
          children: m.quadrant ? (
            <Flex vertical gap={2} data-testid="customer-insight-quadrant" data-quadrant={m.quadrant}>
              <span>
                <Tag color={QUADRANT_COLORS[m.quadrant]}>{t(`segmentation.quadrant.${m.quadrant}`)}</Tag>
              </span>
              <Strategy>{t(`segmentation.quadrantStrategy.${m.quadrant}`)}</Strategy>
            </Flex>
          ) : (
            notSegmented
          ),
        },
        {
          key: 'lossRatio',
          label: t('customerInsight.lossRatio'),
          children: (
            <Flex vertical gap={2} data-testid="customer-insight-loss-ratio">
              <Typography.Text strong type={m.lossRatio3yPct !== null && m.lossRatio3yPct > 100 ? 'danger' : undefined}>
                {m.lossRatio3yPct === null ? t('common.none') : format.percent(m.lossRatio3yPct / 100)}
              </Typography.Text>
              <Strategy>{t('customerInsight.lossRatioDetail', { paid: format.fen(m.claimsPaid3yFen), earned: format.fen(m.earnedPremium3yFen) })}</Strategy>
            </Flex>
          ),
        },
        {
          key: 'claims12m',
          label: t('customerInsight.claims12m'),
          children: <span data-testid="customer-insight-claims-12m">{t('customerInsight.claims12mValue', { count: m.claims12m })}</span>,
        },
        {
          key: 'contacts',
          label: t('customerInsight.contactTrend'),
          children: (
            <Flex vertical gap={2} data-testid="customer-insight-contact-trend" data-trend={m.contactTrend}>
              <span>
                <Tag color={m.contactTrend === 'falling' ? 'orange' : m.contactTrend === 'rising' ? 'green' : 'default'} icon={TREND_ICONS[m.contactTrend]}>
                  {t(`segmentation.contactTrend.${m.contactTrend}`)}
                </Tag>
              </span>
              <Strategy>{t('customerInsight.contactsDetail', { recent: format.number(m.contacts90d), previous: format.number(m.contactsPrev90d) })}</Strategy>
            </Flex>
          ),
        },
      ]}
    />
  );
}

function Entitlements({ data }: { data: TCustomerEntitlements }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const e = data.entitlements;
  const flag = (on: boolean, testId: string) => (
    <span data-testid={testId} data-on={String(on)}>
      {on ? (
        <Typography.Text type="success">
          <CheckOutlined /> {t('customerInsight.yes')}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('customerInsight.no')}</Typography.Text>
      )}
    </span>
  );
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        {
          key: 'tier',
          label: t('customerInsight.tier'),
          children: (
            <Tag color={TIER_COLORS[data.tier]} data-testid="customer-insight-tier" data-tier={data.tier}>
              {labels.tier(data.tier)}
            </Tag>
          ),
        },
        { key: 'advisor', label: t('customerInsight.dedicatedAdvisor'), children: flag(e.dedicatedAdvisor, 'entitlement-dedicated-advisor') },
        { key: 'green', label: t('customerInsight.greenChannel'), children: flag(e.greenChannel, 'entitlement-green-channel') },
        { key: 'onSite', label: t('customerInsight.onSiteVisits'), children: flag(e.onSiteVisits, 'entitlement-on-site-visits') },
        { key: 'priority', label: t('customerInsight.priorityService'), children: flag(e.priorityService, 'entitlement-claim-priority') },
        {
          key: 'hours',
          label: t('customerInsight.serviceHours'),
          children: <span data-testid="entitlement-service-hours">{t('customerInsight.serviceHoursValue', { hours: e.serviceHours })}</span>,
        },
      ]}
    />
  );
}
