import { Card, Col, Empty, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useClaimStats } from '../../../../api/claims.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useClaimLabels } from '../../components/claim-labels.ts';

const TOP_RULES = 5;

/** Fast track (快赔) at a glance: the straight-through rate of medical claims and the rules that stop claims most often. */
export function FastTrackStatsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const claimLabels = useClaimLabels();
  const stats = useClaimStats();
  const s = stats.data;
  const failed = [...(s?.failedRules ?? [])].sort((a, b) => b.count - a.count).slice(0, TOP_RULES);
  const maxCount = failed[0]?.count ?? 0;

  return (
    <Card
      size="small"
      title={t('claims.stats.title')}
      extra={s && <Typography.Text type="secondary">{t('claims.stats.period', { from: format.date(s.from), to: format.date(s.to) })}</Typography.Text>}
      loading={stats.isPending}
      data-testid="claim-stats"
    >
      {stats.isError && <ProblemAlert error={stats.error} />}
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={10}>
            <Flex vertical gap={8}>
              <Statistic title={t('claims.stats.straightThroughRate')} value={format.percent(s.straightThroughRate)} data-testid="claim-stats-rate" />
              <Typography.Text type="secondary">
                {t('claims.stats.counts', { approved: format.number(s.fastTrackApproved), reported: format.number(s.medicalReported) })}
              </Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} md={14}>
            <Typography.Text strong>{t('claims.stats.topFailedRules')}</Typography.Text>
            {failed.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.stats.noFailedRules')} />
            ) : (
              <Flex vertical gap={4} style={{ marginTop: 8 }}>
                {failed.map((r) => (
                  <Flex key={r.rule} gap={8} align="center" data-testid={`claim-stats-rule-${r.rule}`}>
                    <span style={{ flex: '0 0 45%' }}>{claimLabels.rule(r.rule)}</span>
                    <Progress percent={maxCount ? Math.round((r.count / maxCount) * 100) : 0} showInfo={false} size="small" style={{ flex: 1, margin: 0 }} />
                    <Typography.Text style={{ minWidth: 40, textAlign: 'end' }}>{format.number(r.count)}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
