import type { TClusterRun, TSegment } from '@anxin/contracts';
import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRenameCluster, useSaveClusterSegment } from '../../../../api/clusters.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useClusterName } from './cluster-card.tsx';

interface Values {
  name: string;
  description?: string;
}

/** Names a cluster (`rename`) or saves it as a segment under a name (`segment`). */
export function ClusterNameModal({
  mode,
  run,
  cluster,
  onClose,
  onSegmentSaved,
}: {
  mode: 'rename' | 'segment';
  run: TClusterRun;
  cluster: TClusterRun['clusters'][number];
  onClose: () => void;
  onSegmentSaved?: (segment: TSegment) => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const name = useClusterName();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rename = useRenameCluster();
  const save = useSaveClusterSegment();
  const problem = useFormProblem(form, { fields: ['name', 'description'], codeFields: { DUPLICATE: 'name' } });
  const nameLabel = mode === 'rename' ? t('segmentation.clusters.analystName') : t('segmentation.segments.name');

  const submit = (values: Values) => {
    const trimmed = values.name.trim();
    if (mode === 'rename') {
      rename.mutate(
        { runId: run.id, no: cluster.no, name: trimmed },
        {
          onSuccess: () => {
            void message.success(t('segmentation.clusters.renamed'));
            onClose();
          },
          onError: problem.report,
        },
      );
      return;
    }
    const description = values.description?.trim() ? values.description.trim() : undefined;
    save.mutate(
      { runId: run.id, no: cluster.no, body: { name: trimmed, description } },
      {
        onSuccess: (segment) => {
          void message.success(t('segmentation.clusters.savedAsSegment', { name: segment.name }));
          onSegmentSaved?.(segment);
          onClose();
        },
        onError: problem.report,
      },
    );
  };

  return (
    <Modal
      open
      title={mode === 'rename' ? t('segmentation.clusters.renameTitle', { no: cluster.no + 1 }) : t('segmentation.clusters.saveAsSegment')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={rename.isPending || save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'cluster-name-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="cluster-name-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={{ name: name.of(cluster), description: '' }} onFinish={submit}>
        <Form.Item name="name" label={nameLabel} rules={[rules.required(nameLabel)]}>
          <Input maxLength={80} data-testid="cluster-name-input" />
        </Form.Item>
        {mode === 'segment' && (
          <Form.Item name="description" label={t('common.optionalField', { field: t('segmentation.segments.segmentDescription') })}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="cluster-segment-description" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
