import { VISIT_METHODS, VISIT_TYPES, type TVisitMethod, type TVisitType } from '@anxin/contracts';
import { App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../../../components/use-idempotency-key.ts';
import { useCreateVisit } from '../../../../api/visits.ts';
import { CustomerPicker } from '../../../../components/customer-picker.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { StaffSelect } from '../../../../components/staff-select.tsx';
import { instantOfShanghaiLocal } from '../../../../format.ts';

interface CreateVisitValues {
  customerId?: string;
  visitType?: TVisitType;
  dueAt: string;
  method?: TVisitMethod;
  assigneeId?: string;
}

/** Schedules a follow-up visit by hand; the method is left to the rule unless chosen. */
export function CreateVisitModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const labels = useServiceLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateVisitValues>();
  const create = useCreateVisit();
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: ['customerId', 'visitType', 'dueAt', 'method', 'assigneeId'] });
  return (
    <Modal
      open
      title={t('visits.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'visit-form-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="visit-form-error" />}
      <Form<CreateVisitValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { body: { customerId: v.customerId!, visitType: v.visitType!, dueAt: instantOfShanghaiLocal(v.dueAt), method: v.method, assigneeId: v.assigneeId }, idempotencyKey },
            {
              onSuccess: (visit) => {
                void message.success(t('visits.created'));
                onClose();
                void navigate(`/visits/${visit.id}`);
              },
              onError: (error) => { problem.report(error); renewAfter(error); },
            },
          )
        }
      >
        <Form.Item name="customerId" label={t('visits.customer')} rules={[rules.requiredSelect(t('visits.customer'))]}>
          <CustomerPicker testId="visit-form-customer" />
        </Form.Item>
        <Form.Item name="visitType" label={t('visits.visitType')} rules={[rules.requiredSelect(t('visits.visitType'))]}>
          <Select options={VISIT_TYPES.map((v) => ({ value: v, label: labels.visitType(v) }))} data-testid="visit-form-type" />
        </Form.Item>
        <Form.Item name="dueAt" label={t('visits.dueAt')} extra={t('tasks.dueAtHelp')} rules={[rules.required(t('visits.dueAt'))]}>
          <Input type="datetime-local" data-testid="visit-form-due" />
        </Form.Item>
        <Form.Item name="method" label={t('common.optionalField', { field: t('visits.method') })} extra={t('visits.methodHelp')}>
          <Select allowClear placeholder={t('visits.methodAuto')} options={VISIT_METHODS.map((m) => ({ value: m, label: labels.visitMethod(m) }))} data-testid="visit-form-method" />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('common.optionalField', { field: t('visits.assignee') })} extra={t('visits.assigneeHelp')}>
          <StaffSelect testId="visit-form-assignee" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
