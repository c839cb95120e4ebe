import { EditOutlined, KeyOutlined, MoreOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import type { TStaff, TStaffList } from '@anxin/contracts';
import { Badge, Button, Dropdown, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffListParams } from '../../../../api/staff.ts';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { RoleTags } from '../../../../components/role-tags.tsx';
import { shanghaiToday, useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { PAGE_SIZES } from '../staff-list-params.ts';

interface StaffTableProps {
  data: TStaffList | undefined;
  loading: boolean;
  params: StaffListParams;
  onPageChange: (page: number, pageSize: number) => void;
  onOpen: (staff: TStaff) => void;
  /** Management actions; absent for users without staff:manage. */
  onEdit?: (staff: TStaff) => void;
  onResetPassword?: (staff: TStaff) => void;
  onChangeStatus?: (staff: TStaff, status: TStaff['status']) => void;
}

/** Staff accounts, one server-side page at a time. */
export function StaffTable({ data, loading, params, onPageChange, onOpen, onEdit, onResetPassword, onChangeStatus }: StaffTableProps) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const today = shanghaiToday();
  const manages = Boolean(onEdit);

  const columns: TableColumnsType<TStaff> = [
    {
      title: t('staff.username'),
      dataIndex: 'username',
      render: (_, staff) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onOpen(staff)} data-testid={`staff-open-${staff.username}`}>
          <span className="anxin-mono">{staff.username}</span>
          {staff.id === me.id && <Typography.Text type="secondary">{t('staff.self')}</Typography.Text>}
        </Button>
      ),
    },
    { title: t('staff.displayName'), dataIndex: 'displayName' },
    {
      title: t('staff.orgUnit'),
      dataIndex: 'orgUnitName',
      render: (_, staff) => (
        <Flex vertical>
          <span>{staff.orgUnitName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.orgLevel(staff.orgUnitLevel)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('staff.roles'), dataIndex: 'roles', render: (_, staff) => <RoleTags roles={staff.roles} /> },
    {
      title: t('staff.status'),
      dataIndex: 'status',
      render: (_, staff) => (
        <Flex gap={4} wrap align="center">
          <Badge status={staff.status === 'active' ? 'success' : 'default'} text={labels.staffStatus(staff.status)} />
          {staff.locked && <Tag color="red">{t('staffStatus.locked')}</Tag>}
          {staff.mustChangePassword && staff.status === 'active' && <Tag color="gold">{t('staffStatus.mustChangePassword')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('staff.licence'),
      dataIndex: 'licence',
      render: (_, staff) =>
        staff.licence ? (
          <Flex vertical>
            <span className="anxin-mono">{staff.licence.number}</span>
            <Typography.Text type={staff.licence.validTo < today ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {format.date(staff.licence.validFrom)} ~ {format.date(staff.licence.validTo)}
            </Typography.Text>
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('staff.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      render: (value: string | null) =>
        value ? <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(value)}</span> : <Typography.Text type="secondary">{t('staff.neverLoggedIn')}</Typography.Text>,
    },
  ];

  if (manages) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, staff) => {
        const isSelf = staff.id === me.id;
        return (
          <Flex gap={4}>
            <Tooltip title={t('common.edit')}>
              <Button size="small" icon={<EditOutlined />} onClick={() => onEdit?.(staff)} data-testid={`staff-edit-${staff.username}`} aria-label={t('common.edit')} />
            </Tooltip>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'reset', icon: <KeyOutlined />, label: <span data-testid={`staff-reset-${staff.username}`}>{t('staff.resetPassword')}</span> },
                  staff.status === 'active'
                    ? { key: 'disable', icon: <StopOutlined />, danger: true, disabled: isSelf, label: <span data-testid={`staff-disable-${staff.username}`}>{t('staff.disable')}</span> }
                    : { key: 'enable', icon: <CheckCircleOutlined />, label: <span data-testid={`staff-enable-${staff.username}`}>{t('staff.enable')}</span> },
                ],
                onClick: ({ key }) => {
                  if (key === 'reset') onResetPassword?.(staff);
                  if (key === 'disable') onChangeStatus?.(staff, 'disabled');
                  if (key === 'enable') onChangeStatus?.(staff, 'active');
                },
              }}
            >
              <Button size="small" icon={<MoreOutlined />} aria-label={t('common.more')} data-testid={`staff-more-${staff.username}`} />
            </Dropdown>
          </Flex>
        );
      },
    });
  }

  return (
    <div data-testid="staff-table">
      <Table<TStaff>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        tableLayout="auto"
        onRow={(staff) => ({ 'data-testid': `staff-row-${staff.username}` }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => t('common.total', { total }),
          onChange: onPageChange,
        }}
      />
    </div>
  );
}
