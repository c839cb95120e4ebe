import { Alert, App, AutoComplete, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../../../components/use-idempotency-key.ts';
import { useTrainModel } from '../../../../api/models.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { ExpressionHelp } from '../../components/expression-help.tsx';
import { useExpressionProblem } from '../../components/expression-problem.ts';

interface TrainValues {
  name: string;
  target: string;
  where?: string;
}

const NAME_PATTERN = /^[a-z][a-z0-9_-]{1,39}$/;

/** Trains a model (or a new version of one) from a target and an optional population, then opens it. */
export function TrainModelModal({ names, initialName, onClose }: { names: readonly string[]; initialName?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<TrainValues>();
  const train = useTrainModel();
  const { key: idempotencyKey, renewAfter } = useIdempotencyKey();
  const problem = useExpressionProblem(form, ['name', 'target', 'where'], ['target', 'where']);

  return (
    <Modal
      open
      title={t('models.trainTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('models.trainSubmit')}
      confirmLoading={train.isPending}
      okButtonProps={{ 'data-testid': 'model-train-submit' } as ButtonProps}
      width={720}
      destroyOnHidden
      maskClosable={!train.isPending}
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="model-train-error" />}
      {train.isPending && <Alert type="info" showIcon title={t('models.training')} style={{ marginBottom: 12 }} data-testid="model-training" />}
      <Form<TrainValues>
        form={form}
        layout="vertical"
        initialValues={{ name: initialName }}
        onFinish={(v) =>
          train.mutate(
            { body: { name: v.name.trim(), target: v.target.trim(), where: v.where?.trim() || undefined }, idempotencyKey },
            {
              onSuccess: (model) => {
                void message.success(t('models.trained', { name: model.name, version: model.version }));
                onClose();
                void navigate(`/models/${model.id}`);
              },
              onError: (error) => { problem.report(error); renewAfter(error); },
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('models.name')}
          extra={t('models.nameHelp')}
          rules={[rules.required(t('models.name')), { pattern: NAME_PATTERN, message: t('models.nameRule') }]}
        >
          <AutoComplete
            options={names.map((n) => ({ value: n }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
            data-testid="model-train-name"
          >
            <Input className="anxin-mono" maxLength={40} />
          </AutoComplete>
        </Form.Item>
        <Form.Item name="target" label={t('models.target')} extra={t('models.targetHelp')} rules={[rules.required(t('models.target'))]}>
          <Input.TextArea rows={2} maxLength={500} className="anxin-mono" placeholder="lapsed_within(12)" data-testid="model-train-target" />
        </Form.Item>
        <Form.Item name="where" label={t('models.where')} extra={t('models.whereHelp')}>
          <Input.TextArea rows={2} maxLength={500} className="anxin-mono" placeholder="age >= 40 and line.life = 0" data-testid="model-train-where" />
        </Form.Item>
      </Form>
      <ExpressionHelp defaultOpen onUse={(field, expression) => form.setFields([{ name: field, value: expression, errors: [] }])} />
    </Modal>
  );
}
