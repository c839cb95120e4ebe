import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { RoleTags } from '../../../../components/role-tags.tsx';
import { useLabels } from '../../../../i18n/labels.ts';

export function ProfileCard() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Card title={t('account.profile')}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('account.username')}>
          <span className="anxin-mono">{me.username}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('account.displayName')}>{me.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('account.orgUnit')}>
          {me.orgUnitName} · {labels.orgLevel(me.orgUnitLevel)}
        </Descriptions.Item>
        <Descriptions.Item label={t('account.roles')}>
          <RoleTags roles={me.roles} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
