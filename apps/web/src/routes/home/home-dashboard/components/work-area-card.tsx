import type { TRole } from '@anxin/contracts';
import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../../i18n/labels.ts';

export type WorkAreaRole = Extract<TRole, 'agent' | 'csr' | 'underwriter' | 'claims_adjuster' | 'complaint_handler' | 'analyst'>;

/** What a front-line role does in Anxin; the note points to the menu for what is there now (part of the work described is still being built). */
export function WorkAreaCard({ role }: { role: WorkAreaRole }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Card title={t('home.workAreaTitle', { role: labels.role(role) })} style={{ height: '100%' }} data-testid={`home-work-area-${role}`}>
      <Typography.Paragraph>{t(`home.workAreas.${role}`)}</Typography.Paragraph>
      <Alert type="info" showIcon title={t('home.workAreaNote')} />
    </Card>
  );
}
