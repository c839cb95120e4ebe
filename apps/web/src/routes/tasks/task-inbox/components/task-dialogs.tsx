import { TASK_PRIORITIES, type TTask, type TTaskPriority } from '@anxin/contracts';
import { App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../../../components/use-idempotency-key.ts';
import { useCreateTask, useTaskAction } from '../../../../api/tasks.ts';
import { CustomerPicker } from '../../../../components/customer-picker.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { StaffSelect } from '../../../../components/staff-select.tsx';
import { instantOfShanghaiLocal } from '../../../../format.ts';

/** Complete a task with its outcome, or cancel it with the reason. */
export function TaskOutcomeModal({ task, kind, onClose }: { task: TTask; kind: 'complete' | 'cancel'; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: string }>();
  const action = useTaskAction();
  const problem = useFormProblem(form, { fields: ['outcome'] });
  const label = kind === 'complete' ? t('tasks.outcome') : t('tasks.cancelReason');
  return (
    <Modal
      open
      title={kind === 'complete' ? t('tasks.completeTitle', { title: labels.taskTexts(task).title }) : t('tasks.cancelTitle', { title: labels.taskTexts(task).title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={action.isPending}
      okButtonProps={{ 'data-testid': 'task-outcome-submit', danger: kind === 'cancel' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="task-outcome-error" />}
      <Form<{ outcome: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          action.mutate(
            { id: task.id, body: { action: kind, outcome: v.outcome.trim(), version: task.version } },
            {
              onSuccess: () => {
                void message.success(kind === 'complete' ? t('tasks.completed') : t('tasks.cancelled'));
                onClose();
              },
              onError: problem.report,
            },
          )
        }
      >
        <Form.Item name="outcome" label={label} rules={[rules.required(label)]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="task-outcome" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Hands a task to someone else in scope. */
export function ReassignTaskModal({ task, onClose }: { task: TTask; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ assigneeId?: string }>();
  const action = useTaskAction();
  const problem = useFormProblem(form, { fields: ['assigneeId'] });
  return (
    <Modal
      open
      title={t('tasks.reassignTitle', { title: labels.taskTexts(task).title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={action.isPending}
      okButtonProps={{ 'data-testid': 'task-reassign-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="task-reassign-error" />}
      <Form<{ assigneeId?: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          action.mutate(
            { id: task.id, body: { action: 'reassign', assigneeId: v.assigneeId!, version: task.version } },
            {
              onSuccess: () => {
                void message.success(t('tasks.reassigned'));
                onClose();
              },
              onError: problem.report,
            },
          )
        }
      >
        <Form.Item name="assigneeId" label={t('tasks.newAssignee')} rules={[rules.requiredSelect(t('tasks.newAssignee'))]}>
          <StaffSelect testId="task-reassign-assignee" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CreateTaskValues {
  customerId?: string;
  title: string;
  detail?: string;
  priority: TTaskPriority;
  assigneeId?: string;
  dueAt: string;
}

/** A task created by hand for a customer (defaults: normal priority, assigned to the creator). */
export function CreateTaskModal({ customerId, onClose }: { customerId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateTaskValues>();
  const create = useCreateTask();
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: ['customerId', 'title', 'detail', 'priority', 'assigneeId', 'dueAt'] });
  return (
    <Modal
      open
      title={t('tasks.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'task-form-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="task-form-error" />}
      <Form<CreateTaskValues>
        form={form}
        layout="vertical"
        initialValues={{ customerId, priority: 'normal' }}
        onFinish={(v) =>
          create.mutate(
            {
              body: {
                customerId: v.customerId!,
                title: v.title.trim(),
                detail: v.detail?.trim() || undefined,
                priority: v.priority,
                assigneeId: v.assigneeId,
                dueAt: instantOfShanghaiLocal(v.dueAt),
              },
              idempotencyKey,
            },
            {
              onSuccess: () => {
                void message.success(t('tasks.created'));
                onClose();
              },
              onError: (error) => { problem.report(error); renewAfter(error); },
            },
          )
        }
      >
        <Form.Item name="customerId" label={t('tasks.customer')} rules={[rules.requiredSelect(t('tasks.customer'))]}>
          <CustomerPicker testId="task-form-customer" />
        </Form.Item>
        <Form.Item name="title" label={t('tasks.taskTitle')} rules={[rules.required(t('tasks.taskTitle'))]}>
          <Input maxLength={200} data-testid="task-form-title" />
        </Form.Item>
        <Form.Item name="detail" label={t('common.optionalField', { field: t('tasks.detail') })}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="task-form-detail" />
        </Form.Item>
        <Form.Item name="priority" label={t('tasks.priority')} rules={[rules.requiredSelect(t('tasks.priority'))]}>
          <Select options={TASK_PRIORITIES.map((p) => ({ value: p, label: labels.taskPriority(p) }))} data-testid="task-form-priority" />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('common.optionalField', { field: t('tasks.assignee') })} extra={t('tasks.assigneeHelp')}>
          <StaffSelect testId="task-form-assignee" />
        </Form.Item>
        <Form.Item name="dueAt" label={t('tasks.dueAt')} extra={t('tasks.dueAtHelp')} rules={[rules.required(t('tasks.dueAt'))]}>
          <Input type="datetime-local" data-testid="task-form-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
