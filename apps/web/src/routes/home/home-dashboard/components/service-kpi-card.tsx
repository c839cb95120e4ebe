import { Button, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useServiceKpis } from '../../../../api/service-kpis.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { addDays, shanghaiToday, useFormat } from '../../../../format.ts';

/** Customer-service KPIs of the last 90 days: NPS, CSAT, renewal and referral rates, and the work waiting. */
export function ServiceKpiCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const [period] = useState(() => ({ from: addDays(shanghaiToday(), -89), to: shanghaiToday() }));
  const kpis = useServiceKpis(period.from, period.to);
  const k = kpis.data;
  const pct = (value: number | null) => format.percent(value === null ? null : value / 100);
  return (
    <Card
      title={t('home.serviceKpis.title')}
      style={{ height: '100%' }}
      data-testid="home-service-kpis"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('home.serviceKpis.period', { from: period.from, to: period.to })}
        </Typography.Text>
      }
    >
      {kpis.isError && <ProblemAlert error={kpis.error} testId="home-service-kpis-error" />}
      {kpis.isPending && <Skeleton active />}
      {k && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('home.serviceKpis.nps')}
                value={k.nps ?? '—'}
                formatter={() => <span data-testid="kpi-nps">{format.number(k.nps)}</span>}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('home.serviceKpis.npsResponses', { n: format.number(k.npsResponses) })}
                  </Typography.Text>
                }
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('home.serviceKpis.csat')} value={k.csatAverage ?? '—'} formatter={() => <span data-testid="kpi-csat">{format.number(k.csatAverage)}</span>} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('home.serviceKpis.renewalRate')} value={k.renewalRatePct ?? '—'} formatter={() => <span data-testid="kpi-renewal-rate">{pct(k.renewalRatePct)}</span>} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('home.serviceKpis.referralRate')} value={k.referralRatePct ?? '—'} formatter={() => <span data-testid="kpi-referral-rate">{pct(k.referralRatePct)}</span>} />
            </Col>
            <Col xs={8} md={6}>
              <Statistic title={t('home.serviceKpis.openTasks')} value={k.openTasks} formatter={() => <span data-testid="kpi-open-tasks">{format.number(k.openTasks)}</span>} />
            </Col>
            <Col xs={8} md={6}>
              <Statistic
                title={t('home.serviceKpis.overdueTasks')}
                value={k.overdueTasks}
                formatter={() => (
                  <Typography.Text type={k.overdueTasks > 0 ? 'danger' : undefined} style={{ fontSize: 'inherit' }} data-testid="kpi-overdue-tasks">
                    {format.number(k.overdueTasks)}
                  </Typography.Text>
                )}
              />
            </Col>
            <Col xs={8} md={6}>
              <Statistic title={t('home.serviceKpis.visitsDue')} value={k.visitsDue} formatter={() => <span data-testid="kpi-visits-due">{format.number(k.visitsDue)}</span>} />
            </Col>
          </Row>
          <Row gutter={8} style={{ marginTop: 16 }}>
            <Col>
              <Link to="/tasks?inbox=unit">
                <Button size="small" data-testid="home-open-tasks">
                  {t('home.serviceKpis.viewTasks')}
                </Button>
              </Link>
            </Col>
            <Col>
              <Link to="/visits">
                <Button size="small" data-testid="home-open-visits">
                  {t('home.serviceKpis.viewVisits')}
                </Button>
              </Link>
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
