import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TApiKey, TCreatedApiKey } from '@anxin/contracts';
import { App, Button, Card, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiKeys, useRevokeApiKey } from '../../../api/api-keys.ts';
import { useOrgUnits } from '../../../api/org-units.ts';
import { OneTimeSecretModal } from '../../../components/one-time-secret-modal.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { shanghaiDateOf, useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';
import { CreateApiKeyModal } from './components/create-api-key-modal.tsx';

type KeyStatus = 'active' | 'revoked' | 'expired';
/** The last Shanghai day on which a key expiring at `instant` still works. */
const lastValidDay = (instant: string) => shanghaiDateOf(new Date(Date.parse(instant) - 1));

const statusOf = (key: TApiKey, now: number): KeyStatus =>
  key.revokedAt ? 'revoked' : key.expiresAt && Date.parse(key.expiresAt) <= now ? 'expired' : 'active';
const STATUS_COLORS: Record<KeyStatus, string> = { active: 'green', revoked: 'red', expired: 'default' };

export function ApiKeyListPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { modal, message } = App.useApp();
  const keys = useApiKeys();
  const units = useOrgUnits({ enabled: can(me, 'org:read') });
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const now = Date.now();

  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;

  const confirmRevoke = (key: TApiKey) =>
    modal.confirm({
      title: t('apiKeys.confirmRevokeTitle', { name: key.name }),
      content: t('apiKeys.confirmRevokeContent'),
      okText: t('apiKeys.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        revoke.mutateAsync(key.id).then(
          () => void message.success(t('apiKeys.revoked', { name: key.name })),
          () => undefined, // shown above the table
        ),
    });

  const columns: TableColumnsType<TApiKey> = [
    { title: t('apiKeys.name'), dataIndex: 'name' },
    {
      title: t('apiKeys.status'),
      key: 'status',
      width: 100,
      render: (_, key) => {
        const status = statusOf(key, now);
        return <Tag color={STATUS_COLORS[status]}>{t(`apiKeyStatus.${status}`)}</Tag>;
      },
    },
    { title: t('apiKeys.prefix'), dataIndex: 'prefix', width: 130, render: (prefix: string) => <span className="anxin-mono">{prefix}</span> },
    {
      title: t('apiKeys.scopes'),
      dataIndex: 'scopes',
      width: 240,
      render: (scopes: TApiKey['scopes']) => (
        <Flex gap={4} wrap>
          {scopes.map((scope) => (
            <Tooltip key={scope} title={scope}>
              {/* A scope's name can be long: it wraps inside its column rather than over the next. */}
              <Tag style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>{labels.apiKeyScope(scope)}</Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    { title: t('apiKeys.orgUnit'), dataIndex: 'orgUnitId', render: (id: string) => unitName(id) },
    { title: t('apiKeys.createdBy'), dataIndex: 'createdBy', width: 120 },
    { title: t('apiKeys.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => format.dateTime(v) },
    {
      title: t('apiKeys.expiresAt'),
      dataIndex: 'expiresAt',
      width: 170,
      // A key is valid through the day chosen (it ends at the next Shanghai midnight): show that day.
      render: (v: string | null) => (v ? lastValidDay(v) : <Typography.Text type="secondary">{t('apiKeys.never')}</Typography.Text>),
    },
    {
      title: t('apiKeys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (v: string | null) => (v ? format.dateTime(v) : <Typography.Text type="secondary">{t('apiKeys.neverUsed')}</Typography.Text>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, key) =>
        statusOf(key, now) === 'revoked' ? null : (
          <Button size="small" danger onClick={() => confirmRevoke(key)} data-testid={`api-key-revoke-${key.prefix}`}>
            {t('apiKeys.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <div data-testid="api-keys-page">
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void keys.refetch()} loading={keys.isFetching && !keys.isPending}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-create">
              {t('apiKeys.create')}
            </Button>
          </>
        }
      />
      <Card>
        {keys.isError && <ProblemAlert error={keys.error} style={{ marginBottom: 16 }} />}
        {revoke.isError && <ProblemAlert error={revoke.error} style={{ marginBottom: 16 }} />}
        <div data-testid="api-key-table">
          <Table<TApiKey>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={keys.data ?? []}
            loading={keys.isFetching}
            scroll={{ x: 1300 }}
            locale={{ emptyText: t('apiKeys.empty') }}
            onRow={(key) => ({ 'data-testid': `api-key-row-${key.prefix}` }) as HTMLAttributes<HTMLElement>}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          />
        </div>
      </Card>
      {creating && (
        <CreateApiKeyModal
          onClose={(result) => {
            setCreating(false);
            if (result) setCreated(result);
          }}
        />
      )}
      {created && (
        <OneTimeSecretModal
          open
          testId="api-key-secret"
          title={t('apiKeys.secretTitle', { name: created.apiKey.name })}
          intro={t('apiKeys.secretIntro')}
          secret={created.secret}
          onClose={() => setCreated(null)}
        />
      )}
    </div>
  );
}
