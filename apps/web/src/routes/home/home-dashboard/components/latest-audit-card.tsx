import { Card, Empty, Flex, Skeleton, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuditEvents } from '../../../../api/audit.ts';
import { AuditVerify } from '../../../../components/audit-verify.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

/** For compliance auditors: the five newest audit events and the chain check. */
export function LatestAuditCard() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { token } = theme.useToken();
  const events = useAuditEvents({ page: 1, pageSize: 5 });
  const items = events.data?.items ?? [];

  return (
    <Card title={t('home.auditTitle')} extra={<Link to="/audit">{t('home.viewAudit')}</Link>} style={{ height: '100%' }} data-testid="home-audit-card">
      <Typography.Paragraph type="secondary">{t('home.auditDescription')}</Typography.Paragraph>
      {events.isError && <ProblemAlert error={events.error} />}
      {events.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
      {events.isSuccess && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noAuditEvents')} />}
      {items.length > 0 && (
        <Flex vertical component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="home-audit-events">
          {items.map((event) => (
            <Flex
              component="li"
              key={event.seq}
              justify="space-between"
              align="center"
              gap={12}
              style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
            >
              <span>
                <Tag>{labels.auditAction(event.action)}</Tag>
                {event.actorName === null ? t('audit.system') : labels.actorName(event.actorName)}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                #{event.seq} · {format.dateTime(event.at)}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      <div style={{ marginTop: 16 }}>
        <AuditVerify />
      </div>
    </Card>
  );
}
