import type { TCondition, TSegment } from '@anxin/contracts';
import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../../../components/use-idempotency-key.ts';
import { useCreateSegment, useUpdateSegment } from '../../../../api/segments.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';

interface Values {
  name: string;
  description?: string;
}

/** Names a new segment, or saves the name, description and new conditions of the one being edited. */
export function SaveSegmentModal({ conditions, editing, onClose, onSaved }: { conditions: TCondition[]; editing: TSegment | null; onClose: () => void; onSaved: (segment: TSegment) => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useFormProblem(form, { fields: ['name', 'description'], codeFields: { DUPLICATE: 'name' } });

  const submit = (values: Values) => {
    const description = values.description?.trim() ? values.description.trim() : undefined;
    const done = {
      onSuccess: (segment: TSegment) => {
        void message.success(t('segmentation.segments.saved', { name: segment.name }));
        onSaved(segment);
      },
      onError: (error: unknown) => { problem.report(error); renewAfter(error); },
    };
    if (editing) update.mutate({ id: editing.id, body: { name: values.name.trim(), description: description ?? null, conditions, version: editing.version } }, done);
    else create.mutate({ body: { name: values.name.trim(), description, conditions }, idempotencyKey }, done);
  };

  return (
    <Modal
      open
      title={editing ? t('segmentation.segments.saveChanges') : t('segmentation.segments.saveAs')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'segment-save-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="segment-save-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={{ name: editing?.name ?? '', description: editing?.description ?? '' }} onFinish={submit}>
        <Form.Item name="name" label={t('segmentation.segments.name')} rules={[rules.required(t('segmentation.segments.name'))]}>
          <Input maxLength={80} data-testid="segment-name" />
        </Form.Item>
        <Form.Item name="description" label={t('common.optionalField', { field: t('segmentation.segments.segmentDescription') })}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="segment-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
