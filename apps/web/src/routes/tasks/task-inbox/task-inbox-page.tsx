import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { TASK_STATUSES, type TTask } from '@anxin/contracts';
import { App, Button, Card, Checkbox, Flex, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTaskAction, useTasks, type TaskFilters } from '../../../api/tasks.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useServiceLabels } from '../../../components/service-labels.ts';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { CreateTaskModal, ReassignTaskModal, TaskOutcomeModal } from './components/task-dialogs.tsx';
import { TaskTable, type TaskDialog } from './components/task-table.tsx';

type StatusFilter = NonNullable<TaskFilters['status']>;

/** The task inbox: my tasks or my unit's, earliest due first, overdue ones marked; start, complete, cancel, reassign. */
export function TaskInboxPage() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const me = useCurrentUser();
  const { message } = App.useApp();
  // `?inbox=unit` (the home page's unit figures) opens the unit's inbox.
  const [searchParams] = useSearchParams();
  const [inbox, setInbox] = useState<TaskFilters['inbox']>(searchParams.get('inbox') === 'unit' ? 'unit' : 'mine');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<TaskDialog | null>(null);
  const list = useTasks({ inbox, status, overdueOnly: overdueOnly || undefined });
  const start = useTaskAction();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canWork = can(me, 'service:work');

  const onStart = (task: TTask) =>
    start.mutate({ id: task.id, body: { action: 'start', version: task.version } }, { onSuccess: () => void message.success(t('tasks.started')) });

  return (
    <div data-testid="task-inbox-page">
      <PageHeader
        title={t('tasks.title')}
        description={t('tasks.description')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending} data-testid="task-refresh">
              {t('common.refresh')}
            </Button>
            {canWork && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">
                {t('tasks.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Tabs
          activeKey={inbox}
          onChange={(key) => setInbox(key as TaskFilters['inbox'])}
          items={[
            { key: 'mine', label: <span data-testid="task-tab-mine">{t('tasks.mine')}</span> },
            { key: 'unit', label: <span data-testid="task-tab-unit">{t('tasks.unit')}</span> },
          ]}
        />
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Select<StatusFilter>
            value={status}
            onChange={setStatus}
            options={[{ value: 'active' as const, label: t('tasks.statusActive') }, ...TASK_STATUSES.map((s) => ({ value: s, label: labels.taskStatus(s) }))]}
            style={{ minWidth: 140 }}
            data-testid="task-filter-status"
          />
          <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} data-testid="task-filter-overdue">
            {t('tasks.overdueOnly')}
          </Checkbox>
        </Flex>
        {list.isError && <ProblemAlert error={list.error} style={{ marginBottom: 16 }} testId="task-list-error" />}
        {start.isError && <ProblemAlert error={start.error} style={{ marginBottom: 16 }} testId="task-action-error" />}
        <TaskTable
          items={items}
          loading={list.isFetching && !list.isFetchingNextPage}
          canWork={canWork}
          starting={start.isPending ? start.variables?.id : undefined}
          onStart={onStart}
          onDialog={setDialog}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="task-count">
            {t('tasks.loaded', { shown: format.number(items.length) })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="task-load-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
      {creating && <CreateTaskModal onClose={() => setCreating(false)} />}
      {dialog && dialog.kind !== 'reassign' && <TaskOutcomeModal task={dialog.task} kind={dialog.kind} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reassign' && <ReassignTaskModal task={dialog.task} onClose={() => setDialog(null)} />}
    </div>
  );
}
