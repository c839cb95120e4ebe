import type { TModel } from '@anxin/contracts';
import { Alert, App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useScoreModel } from '../../../../api/models.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { ExpressionHelp } from '../../components/expression-help.tsx';
import { useExpressionProblem } from '../../components/expression-problem.ts';

/** Scores the customers in scope (or those matching a population expression) with one model version. */
export function ScoreModelModal({ model, onClose }: { model: TModel; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ where?: string }>();
  const score = useScoreModel(model.id);
  const problem = useExpressionProblem(form, ['where'], ['where']);
  return (
    <Modal
      open
      title={t('models.scoreTitle', { version: model.version })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('models.scoreSubmit')}
      confirmLoading={score.isPending}
      okButtonProps={{ 'data-testid': 'model-score-submit' } as ButtonProps}
      width={680}
      destroyOnHidden
      maskClosable={!score.isPending}
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="model-score-error" />}
      {score.isPending && <Alert type="info" showIcon title={t('app.loading')} style={{ marginBottom: 12 }} data-testid="model-scoring" />}
      <Form<{ where?: string }>
        form={form}
        layout="vertical"
        initialValues={{ where: model.where ?? undefined }}
        onFinish={(v) =>
          score.mutate(
            { where: v.where?.trim() || undefined },
            {
              onSuccess: (result) => {
                void message.success(t('models.scored', { count: result.scored }));
                onClose();
              },
              onError: problem.report,
            },
          )
        }
      >
        <Form.Item name="where" label={t('models.scoreWhere')} extra={t('models.scoreWhereHelp')}>
          <Input.TextArea rows={2} maxLength={500} className="anxin-mono" data-testid="model-score-where" />
        </Form.Item>
      </Form>
      <ExpressionHelp whereOnly onUse={(_field, expression) => form.setFields([{ name: 'where', value: expression, errors: [] }])} />
    </Modal>
  );
}
