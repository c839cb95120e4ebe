import type { TRole } from '@anxin/contracts';
import { Alert, Button, Card, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnderwritingQueue } from '../../../../api/underwriting.ts';
import { useLabels } from '../../../../i18n/labels.ts';

export type WorkAreaRole = Extract<TRole, 'agent' | 'csr' | 'underwriter' | 'claims_adjuster' | 'complaint_handler' | 'analyst'>;

/** What a front-line role does in Anxin; the note points to the menu for what is there now (part of the work described is still being built). */
export function WorkAreaCard({ role }: { role: WorkAreaRole }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Card title={t('home.workAreaTitle', { role: labels.role(role) })} style={{ height: '100%' }} data-testid={`home-work-area-${role}`}>
      <Typography.Paragraph>{t(`home.workAreas.${role}`)}</Typography.Paragraph>
      {role === 'underwriter' ? <UnderwritingSummary /> : <Alert type="info" showIcon title={t('home.workAreaNote')} />}
    </Card>
  );
}

/** The applications waiting in the underwriter's units (the queue's first page) and the longest wait, with the way to the queue. */
function UnderwritingSummary() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useUnderwritingQueue({});
  const page = queue.data?.pages[0];
  const waiting = page ? `${page.items.length}${page.nextCursor ? '+' : ''}` : '–';
  return (
    <Flex align="center" justify="space-between" gap={16} wrap>
      <Flex gap={32}>
        <Statistic title={t('home.underwriting.waiting')} value={waiting} loading={queue.isPending} data-testid="home-underwriting-waiting" />
        <Statistic title={t('home.underwriting.longestWait')} value={page?.items[0] ? t('home.underwriting.days', { count: page.items[0].waitingDays }) : '–'} loading={queue.isPending} />
      </Flex>
      <Button type="primary" onClick={() => void navigate('/underwriting')} data-testid="home-underwriting-open">
        {t('home.underwriting.open')}
      </Button>
    </Flex>
  );
}
