import { EditOutlined, PlusOutlined, StopOutlined, TeamOutlined, UndoOutlined } from '@ant-design/icons';
import type { TOrgUnit } from '@anxin/contracts';
import { App, Badge, Button, Card, Descriptions, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUpdateOrgUnit } from '../../../../api/org-units.ts';
import { childLevelOf } from '../../../../components/org-unit-tree.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';
import { CreateOrgUnitModal } from './create-org-unit-modal.tsx';
import { RenameOrgUnitModal } from './rename-org-unit-modal.tsx';

interface OrgUnitDetailProps {
  unit: TOrgUnit;
  parent: TOrgUnit | undefined;
  onCreated: (unit: TOrgUnit) => void;
}

/** The selected unit: its facts and, for org managers, add-child, rename, close and reopen. */
export function OrgUnitDetail({ unit, parent, onCreated }: OrgUnitDetailProps) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { modal, message } = App.useApp();
  const update = useUpdateOrgUnit();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState(false);

  const manages = can(me, 'org:manage');
  const childLevel = childLevelOf(unit.level);
  const isActive = unit.status === 'active';

  const changeStatus = (status: 'active' | 'closed') => {
    const closing = status === 'closed';
    modal.confirm({
      title: t(closing ? 'org.confirmCloseTitle' : 'org.confirmReopenTitle', { name: unit.name }),
      content: closing ? t('org.confirmCloseContent') : undefined,
      okText: closing ? t('org.close') : t('org.reopen'),
      okButtonProps: { danger: closing },
      cancelText: t('common.cancel'),
      onOk: () =>
        update.mutateAsync({ id: unit.id, status, version: unit.version }).then(
          (updated) => void message.success(t(closing ? 'org.closed' : 'org.reopened', { name: updated.name })),
          () => undefined, // shown below the details
        ),
    });
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <span>{unit.name}</span>
          <Badge status={isActive ? 'success' : 'default'} text={labels.orgStatus(unit.status)} />
        </Flex>
      }
      data-testid="org-unit-detail"
      extra={
        manages && (
          <Flex gap={8} wrap>
            {childLevel ? (
              <Button type="primary" icon={<PlusOutlined />} disabled={!isActive} onClick={() => setCreating(true)} data-testid="org-add-child">
                {t('org.addChild')}
              </Button>
            ) : (
              <Tooltip title={t('org.outletHasNoChildren')}>
                <Button icon={<PlusOutlined />} disabled>
                  {t('org.addChild')}
                </Button>
              </Tooltip>
            )}
            <Button icon={<EditOutlined />} onClick={() => setRenaming(true)} data-testid="org-rename">
              {t('org.rename')}
            </Button>
            {/* The head office is the root of everything and is never closed. */}
            {unit.level !== 'hq' &&
              (isActive ? (
                <Button danger icon={<StopOutlined />} onClick={() => changeStatus('closed')} data-testid="org-close">
                  {t('org.close')}
                </Button>
              ) : (
                <Button icon={<UndoOutlined />} onClick={() => changeStatus('active')} data-testid="org-reopen">
                  {t('org.reopen')}
                </Button>
              ))}
          </Flex>
        )
      }
    >
      {update.isError && <ProblemAlert error={update.error} style={{ marginBottom: 16 }} />}
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
        <Descriptions.Item label={t('org.name')}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>
          <Typography.Text className="anxin-mono" copyable>
            {unit.code}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.level')}>{labels.orgLevel(unit.level)}</Descriptions.Item>
        <Descriptions.Item label={t('org.parent')}>{parent ? parent.name : t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('org.staffCount')}>
          <Flex gap={12} align="center">
            <span>{format.number(unit.staffCount)}</span>
            {can(me, 'staff:read') && (
              <Link to={`/staff?orgUnitId=${unit.id}&includeDescendants=false`}>
                <TeamOutlined /> {t('org.viewStaff')}
              </Link>
            )}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.status')}>{labels.orgStatus(unit.status)}</Descriptions.Item>
        <Descriptions.Item label={t('org.createdAt')}>{format.dateTime(unit.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('org.updatedAt')}>{format.dateTime(unit.updatedAt)}</Descriptions.Item>
      </Descriptions>
      {creating && childLevel && (
        <CreateOrgUnitModal
          parent={unit}
          level={childLevel}
          onClose={(created) => {
            setCreating(false);
            if (created) onCreated(created);
          }}
        />
      )}
      {renaming && <RenameOrgUnitModal unit={unit} onClose={() => setRenaming(false)} />}
    </Card>
  );
}
