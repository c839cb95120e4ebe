import type { TCorrectiveAction } from '@anxin/contracts';
import { Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateCorrectiveAction, useProgressCorrectiveAction } from '../../../api/corrective-actions.ts';
import { useFormProblem } from '../../../components/form-problem.ts';
import { useFormRules } from '../../../components/form-rules.ts';
import { OrgUnitTreeSelect } from '../../../components/org-unit-tree-select.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { DateInput } from '../../../components/date-input.tsx';
import { useCorrectiveActionText } from './corrective-action-text.ts';

interface CreateValues {
  ownerUnitId?: string;
  title: string;
  rootCause: string;
  dueOn: string;
  analysisMonth?: string;
}

/** New corrective action (纠改措施): from a complaint (its id given) or from a month's analysis. */
export function CreateCorrectiveActionModal({ complaintId, analysisMonth, defaultUnitId, onClose }: { complaintId?: string; analysisMonth?: string; defaultUnitId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateCorrectiveAction();
  const problem = useFormProblem(form, { fields: ['ownerUnitId', 'title', 'rootCause', 'dueOn', 'analysisMonth'] });
  return (
    <Modal open title={t('correctiveActions.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'corrective-action-submit' } as ButtonProps} destroyOnHidden>
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} />}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ ownerUnitId: defaultUnitId, analysisMonth }}
        onFinish={(v) =>
          create.mutate(
            { ownerUnitId: v.ownerUnitId!, title: v.title.trim(), rootCause: v.rootCause.trim(), dueOn: v.dueOn, ...(complaintId ? { complaintId } : { analysisMonth: v.analysisMonth }) },
            { onSuccess: onClose, onError: problem.report },
          )
        }
      >
        <Form.Item name="ownerUnitId" label={t('correctiveActions.owner')} rules={[rules.requiredSelect(t('correctiveActions.owner'))]}>
          <OrgUnitTreeSelect />
        </Form.Item>
        <Form.Item name="title" label={t('correctiveActions.title')} rules={[rules.required(t('correctiveActions.title'))]}>
          <Input maxLength={200} data-testid="corrective-action-title" />
        </Form.Item>
        <Form.Item name="rootCause" label={t('correctiveActions.rootCause')} rules={[rules.required(t('correctiveActions.rootCause'))]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="corrective-action-root-cause" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('correctiveActions.dueOn')} rules={[rules.required(t('correctiveActions.dueOn'))]}>
          <DateInput testId="corrective-action-due" />
        </Form.Item>
        {!complaintId && (
          <Form.Item name="analysisMonth" label={t('correctiveActions.fromMonth')} rules={[rules.required(t('correctiveActions.fromMonth'))]}>
            <DateInput picker="month" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Complete with evidence, verify the effect, or reject. */
export function ProgressCorrectiveActionModal({ action, step, onClose }: { action: TCorrectiveAction; step: 'complete' | 'verify' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const textOf = useCorrectiveActionText();
  const rules = useFormRules();
  const [form] = Form.useForm<{ text: string }>();
  const progress = useProgressCorrectiveAction(action.id);
  const label = t(`correctiveActions.${step}Field`);
  return (
    <Modal open title={`${t(`correctiveActions.${step}`)} · ${textOf(action).title}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={progress.isPending} destroyOnHidden>
      {progress.isError && <ProblemAlert error={progress.error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const text = v.text.trim();
          const body = step === 'complete' ? { action: step, evidence: text, version: action.version } : step === 'verify' ? { action: step, effect: text, version: action.version } : { action: step, reason: text, version: action.version };
          progress.mutate(body, { onSuccess: onClose });
        }}
      >
        <Form.Item name="text" label={label} rules={[rules.required(label)]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
