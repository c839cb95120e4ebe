import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TStaff } from '@anxin/contracts';
import { App, Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useResetStaffPassword, useStaffList, useUpdateStaff, type StaffListParams } from '../../../api/staff.ts';
import { OneTimeSecretModal } from '../../../components/one-time-secret-modal.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { can } from '../../../permissions.ts';
import { StaffDetailDrawer } from './components/staff-detail-drawer.tsx';
import { StaffFilters } from './components/staff-filters.tsx';
import { StaffFormModal } from './components/staff-form-modal.tsx';
import { StaffTable } from './components/staff-table.tsx';
import { paramsFromSearch, searchFromParams } from './staff-list-params.ts';

type FormState = { mode: 'create' } | { mode: 'edit'; staff: TStaff } | null;
interface SecretState {
  kind: 'created' | 'reset';
  username: string;
  password: string;
}

export function StaffListPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = paramsFromSearch(searchParams);
  const list = useStaffList(params);
  const update = useUpdateStaff();
  const resetPassword = useResetStaffPassword();
  const [form, setForm] = useState<FormState>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [secret, setSecret] = useState<SecretState | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const manages = can(me, 'staff:manage');

  const setParams = (next: StaffListParams) => setSearchParams(searchFromParams(next), { replace: true });

  const changeStatus = (staff: TStaff, status: TStaff['status']) => {
    const disabling = status === 'disabled';
    modal.confirm({
      title: t(disabling ? 'staff.confirmDisableTitle' : 'staff.confirmEnableTitle', { name: `${staff.displayName} (${staff.username})` }),
      content: disabling ? t('staff.confirmDisableContent') : undefined,
      okText: disabling ? t('staff.disable') : t('staff.enable'),
      okButtonProps: { danger: disabling },
      cancelText: t('common.cancel'),
      onOk: () =>
        update.mutateAsync({ id: staff.id, status, version: staff.version }).then(
          () => {
            setActionError(null);
            void message.success(t(disabling ? 'staff.disabled' : 'staff.enabled', { name: staff.displayName }));
          },
          (error: unknown) => setActionError(error),
        ),
    });
  };

  const reset = (staff: TStaff) => {
    modal.confirm({
      title: t('staff.confirmResetTitle', { name: `${staff.displayName} (${staff.username})` }),
      content: t('staff.confirmResetContent'),
      okText: t('staff.resetPassword'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        resetPassword.mutateAsync(staff.id).then(
          (result) => {
            setActionError(null);
            setSecret({ kind: 'reset', username: staff.username, password: result.initialPassword });
          },
          (error: unknown) => setActionError(error),
        ),
    });
  };

  return (
    <div data-testid="staff-page">
      <PageHeader
        title={t('staff.title')}
        description={t('staff.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending}>
              {t('common.refresh')}
            </Button>
            {manages && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })} data-testid="staff-create">
                {t('staff.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <StaffFilters params={params} onChange={setParams} />
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} />}
        {actionError !== null && <ProblemAlert error={actionError} style={{ marginBottom: 16 }} />}
        <StaffTable
          data={list.data}
          loading={list.isFetching}
          params={params}
          onPageChange={(page, pageSize) => setParams({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize })}
          onOpen={(staff) => setDetailId(staff.id)}
          onEdit={manages ? (staff) => setForm({ mode: 'edit', staff }) : undefined}
          onResetPassword={manages ? reset : undefined}
          onChangeStatus={manages ? changeStatus : undefined}
        />
      </Card>

      {form && (
        <StaffFormModal
          mode={form.mode}
          staff={form.mode === 'edit' ? form.staff : undefined}
          onClose={() => setForm(null)}
          onCreated={(created) => {
            setForm(null);
            setSecret({ kind: 'created', username: created.staff.username, password: created.initialPassword });
          }}
        />
      )}
      {secret && (
        <OneTimeSecretModal
          open
          testId="initial-password"
          title={t(secret.kind === 'created' ? 'staff.initialPasswordTitle' : 'staff.resetPasswordTitle', { username: secret.username })}
          intro={t('staff.initialPasswordIntro')}
          secret={secret.password}
          onClose={() => {
            if (secret.kind === 'created') {
              // Show the new account: on the normal ordering it may well be on another page.
              setParams({ page: 1, pageSize: params.pageSize, q: secret.username });
              void message.info(t('staff.locate'));
            }
            setSecret(null);
          }}
        />
      )}
      <StaffDetailDrawer staffId={detailId} onClose={() => setDetailId(null)} />
    </div>
  );
}
