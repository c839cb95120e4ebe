import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import type { TStaff } from '@anxin/contracts';
import { Alert, Badge, Button, Descriptions, Drawer, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../../../api/staff.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { RoleTags } from '../../../../components/role-tags.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';
import { UnmaskContactsModal } from './unmask-contacts-modal.tsx';

/** One staff account. Contact data is masked; users with staff:unmask may reveal it, stating a purpose. */
export function StaffDetailDrawer({ staffId, onClose }: { staffId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={staffId !== null} onClose={onClose} size={560} destroyOnHidden title={t('staff.detailTitle')} data-testid="staff-detail">
      {staffId && <StaffDetail staffId={staffId} />}
    </Drawer>
  );
}

function StaffDetail({ staffId }: { staffId: string }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const staff = useStaff(staffId);
  const [asking, setAsking] = useState(false);
  // Unmasked data lives only in this component's state: closing the drawer forgets it.
  const [unmasked, setUnmasked] = useState<TStaff | null>(null);

  if (staff.isPending) return <Skeleton active />;
  if (staff.isError) return <ProblemAlert error={staff.error} />;
  const s = staff.data;
  const contact = unmasked ?? s;
  const contactValue = (value: string | null) =>
    value ? (
      <Flex gap={8} align="center">
        <span className="anxin-mono">{value}</span>
        {!unmasked && <Tag>{t('staff.masked')}</Tag>}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('staff.noContact')}</Typography.Text>
    );

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {s.displayName} <Typography.Text type="secondary" className="anxin-mono">{s.username}</Typography.Text>
      </Typography.Title>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 140 } }}>
        <Descriptions.Item label={t('staff.status')}>
          <Flex gap={4} wrap>
            <Badge status={s.status === 'active' ? 'success' : 'default'} text={labels.staffStatus(s.status)} />
            {s.locked && <Tag color="red">{t('staffStatus.locked')}</Tag>}
            {s.mustChangePassword && <Tag color="gold">{t('staffStatus.mustChangePassword')}</Tag>}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.orgUnit')}>
          {s.orgUnitName} · {labels.orgLevel(s.orgUnitLevel)}
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.roles')}>
          <RoleTags roles={s.roles} />
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.mobile')}>{contactValue(contact.mobile)}</Descriptions.Item>
        <Descriptions.Item label={t('staff.email')}>{contactValue(contact.email)}</Descriptions.Item>
        <Descriptions.Item label={t('staff.licence')}>
          {s.licence ? (
            <>
              <span className="anxin-mono">{s.licence.number}</span>
              <br />
              {format.date(s.licence.validFrom)} ~ {format.date(s.licence.validTo)}
            </>
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.lastLoginAt')}>{s.lastLoginAt ? format.dateTime(s.lastLoginAt) : t('staff.neverLoggedIn')}</Descriptions.Item>
        <Descriptions.Item label={t('staff.createdAt')}>{format.dateTime(s.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('staff.updatedAt')}>{format.dateTime(s.updatedAt)}</Descriptions.Item>
      </Descriptions>

      {can(me, 'staff:unmask') && (s.email || s.mobile) && (
        <div style={{ marginTop: 16 }}>
          {unmasked ? (
            <>
              <Alert type="warning" showIcon title={t('staff.unmasked')} style={{ marginBottom: 12 }} />
              <Button icon={<EyeInvisibleOutlined />} onClick={() => setUnmasked(null)}>
                {t('staff.hideContacts')}
              </Button>
            </>
          ) : (
            <Button icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid="staff-show-contacts">
              {t('staff.showContacts')}
            </Button>
          )}
        </div>
      )}
      {asking && (
        <UnmaskContactsModal
          staff={s}
          onClose={(result) => {
            setAsking(false);
            if (result) setUnmasked(result);
          }}
        />
      )}
    </>
  );
}
