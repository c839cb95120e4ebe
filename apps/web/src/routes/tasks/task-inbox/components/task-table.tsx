import type { TTask } from '@anxin/contracts';
import { Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TASK_PRIORITY_COLORS, TASK_STATUS_COLORS, useServiceLabels } from '../../../../components/service-labels.ts';
import { useFormat } from '../../../../format.ts';

export type TaskDialog = { task: TTask; kind: 'complete' | 'cancel' | 'reassign' };

interface TaskTableProps {
  items: TTask[];
  loading: boolean;
  /** Whether the user may work tasks (start, complete, cancel, reassign). */
  canWork: boolean;
  /** The task whose start is being sent, if any. */
  starting?: string;
  onStart: (task: TTask) => void;
  onDialog: (dialog: TaskDialog) => void;
}

const isOpen = (task: TTask) => task.status === 'open' || task.status === 'in_progress';

/** The loaded keyset pages of a task inbox, overdue rows marked, with the actions each task allows. */
export function TaskTable({ items, loading, canWork, starting, onStart, onDialog }: TaskTableProps) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();

  const columns: TableColumnsType<TTask> = [
    {
      title: t('tasks.customer'),
      key: 'customer',
      render: (_, task) => (
        <Link to={`/customers/${task.customer.id}`} data-testid={`task-customer-${task.id}`}>
          {task.customer.name}
        </Link>
      ),
    },
    {
      title: t('tasks.taskTitle'),
      dataIndex: 'title',
      // Room for a policy number on one line.
      minWidth: 260,
      render: (_, task) => {
        const texts = labels.taskTexts(task);
        return (
          <Flex vertical gap={2}>
            <Typography.Text strong>{texts.title}</Typography.Text>
            {texts.detail && (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {texts.detail}
              </Typography.Text>
            )}
            {task.outcome && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tasks.outcome')}: {task.outcome}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    { title: t('tasks.kind'), dataIndex: 'kind', render: (_, task) => labels.taskKind(task.kind) },
    { title: t('tasks.priority'), dataIndex: 'priority', render: (_, task) => <Tag color={TASK_PRIORITY_COLORS[task.priority]}>{labels.taskPriority(task.priority)}</Tag> },
    {
      title: t('tasks.dueAt'),
      dataIndex: 'dueAt',
      render: (_, task) => (
        <Flex vertical gap={2} align="flex-start">
          <Typography.Text type={task.overdue ? 'danger' : undefined} data-testid={`task-due-${task.id}`}>
            {format.dateTime(task.dueAt)}
          </Typography.Text>
          {task.overdue && <Tag color="red">{t('tasks.overdue')}</Tag>}
          {task.escalatedTo && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('tasks.escalatedTo', { name: task.escalatedTo.name })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('tasks.status'),
      dataIndex: 'status',
      render: (_, task) => (
        <Tag color={TASK_STATUS_COLORS[task.status]} data-testid={`task-status-${task.id}`}>
          {labels.taskStatus(task.status)}
        </Tag>
      ),
    },
    { title: t('tasks.assignee'), key: 'assignee', render: (_, task) => task.assignee?.name ?? <Typography.Text type="secondary">{t('tasks.unassigned')}</Typography.Text> },
    {
      title: t('tasks.source'),
      key: 'source',
      minWidth: 200,
      render: (_, task) => (
        <Flex vertical gap={2}>
          <span>{labels.taskSource(task.source.type)}</span>
          {labels.taskTexts(task).reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.taskTexts(task).reason}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 170,
      render: (_, task) =>
        canWork &&
        isOpen(task) && (
          <Flex gap={4} wrap>
            {task.status === 'open' && (
              <Button size="small" onClick={() => onStart(task)} loading={starting === task.id} data-testid={`task-start-${task.id}`}>
                {t('tasks.start')}
              </Button>
            )}
            <Button size="small" type="primary" onClick={() => onDialog({ task, kind: 'complete' })} data-testid={`task-complete-${task.id}`}>
              {t('tasks.complete')}
            </Button>
            <Button size="small" onClick={() => onDialog({ task, kind: 'reassign' })} data-testid={`task-reassign-${task.id}`}>
              {t('tasks.reassign')}
            </Button>
            <Button size="small" danger onClick={() => onDialog({ task, kind: 'cancel' })} data-testid={`task-cancel-${task.id}`}>
              {t('tasks.cancel')}
            </Button>
          </Flex>
        ),
    },
  ];

  return (
    <div data-testid="task-table">
      <Table<TTask>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        scroll={{ x: 1400 }}
        rowClassName={(task) => (task.overdue && isOpen(task) ? 'anxin-row-overdue' : '')}
        locale={{ emptyText: t('tasks.empty') }}
        onRow={(task) => ({ 'data-testid': `task-row-${task.id}`, 'data-status': task.status, 'data-overdue': String(task.overdue) }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
