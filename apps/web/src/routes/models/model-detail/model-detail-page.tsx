import { ArrowLeftOutlined, CheckCircleFilled, ThunderboltOutlined } from '@ant-design/icons';
import type { TModel } from '@anxin/contracts';
import { App, Button, Card, type ButtonProps, Col, Descriptions, Row, Skeleton, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useActivateModel, useModel } from '../../../api/models.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { FeatureWeights } from './components/feature-weights.tsx';
import { LiftChart } from './components/lift-chart.tsx';
import { ScoreModelModal } from './components/score-model-modal.tsx';
import { TopCustomers } from './components/top-customers.tsx';

/** One model version: its definition, performance, lift chart, feature weights and top-scored customers. */
export function ModelDetailPage() {
  const { modelId } = useParams();
  const { t } = useTranslation();
  const model = useModel(modelId);

  const back = (
    <Link to="/models" data-testid="model-back">
      <ArrowLeftOutlined /> {t('models.back')}
    </Link>
  );
  if (model.isPending) return <Skeleton active data-testid="model-detail-loading" />;
  if (model.isError)
    return (
      <div data-testid="model-detail-page">
        <PageHeader title={t('models.title')} description={back} />
        <ProblemAlert error={model.error} testId="model-detail-error" />
      </div>
    );
  return <ModelDetail model={model.data} back={back} />;
}

function ModelDetail({ model, back }: { model: TModel; back: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const activate = useActivateModel(model.id);
  const [scoring, setScoring] = useState(false);
  const canAnalyse = can(me, 'segment:analyse');
  const m = model.metrics;

  const onActivate = () =>
    modal.confirm({
      title: t('models.activateConfirm', { version: model.version, name: model.name }),
      content: t('models.activateConfirmContent'),
      okText: t('models.activate'),
      okButtonProps: { 'data-testid': 'model-activate-confirm' } as ButtonProps,
      onOk: () =>
        activate.mutateAsync(undefined).then(
          () => void message.success(t('models.activated', { version: model.version })),
          () => undefined,
        ),
    });

  const lift = (value: number) => t('models.liftValue', { value: value.toFixed(2) });

  return (
    <div data-testid="model-detail-page" data-model-id={model.id} data-active={String(model.active)}>
      <PageHeader
        title={t('models.detailTitle', { name: model.name, version: model.version })}
        description={back}
        extra={
          <>
            {model.active && (
              <Tag color="green" icon={<CheckCircleFilled />} style={{ alignSelf: 'center' }} data-testid="model-detail-active">
                {t('models.active')}
              </Tag>
            )}
            {canAnalyse && !model.active && (
              <Button onClick={onActivate} loading={activate.isPending} data-testid="model-activate">
                {t('models.activate')}
              </Button>
            )}
            {canAnalyse && (
              <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setScoring(true)} data-testid="model-score">
                {t('models.score')}
              </Button>
            )}
          </>
        }
      />
      {activate.isError && <ProblemAlert error={activate.error} style={{ marginBottom: 16 }} testId="model-activate-error" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('models.definitionTitle')} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'target', label: t('models.target'), children: <Typography.Text code data-testid="model-target">{model.target}</Typography.Text> },
                { key: 'where', label: t('models.population'), children: model.where ? <Typography.Text code>{model.where}</Typography.Text> : t('common.none') },
                { key: 'trainedAt', label: t('models.trainedAt'), children: format.dateTime(model.trainedAt) },
                { key: 'trainedBy', label: t('models.trainedBy'), children: model.trainedBy },
                { key: 'scoredAt', label: t('models.scoredAt'), children: model.scoredAt ? format.dateTime(model.scoredAt) : t('models.notScoredYet') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('models.metricsTitle')} style={{ height: '100%' }} data-testid="model-metrics">
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic
                  title={
                    <Tooltip title={t('models.aucHelp')}>
                      <span>{t('models.auc')}</span>
                    </Tooltip>
                  }
                  value={m.auc}
                  formatter={() => <span data-testid="model-auc">{m.auc.toFixed(3)}</span>}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('models.liftTop5')} value={m.lift.top5} formatter={() => <span data-testid="model-lift-top5">{lift(m.lift.top5)}</span>} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('models.liftTop10')} value={m.lift.top10} formatter={() => <span data-testid="model-lift-top10">{lift(m.lift.top10)}</span>} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('models.liftTop20')} value={m.lift.top20} formatter={() => <span data-testid="model-lift-top20">{lift(m.lift.top20)}</span>} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('models.baseRate')} value={m.baseRate} formatter={() => <span data-testid="model-base-rate">{format.percent(m.baseRate)}</span>} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('models.trainRows')} value={m.trainRows} formatter={() => format.number(m.trainRows)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('models.testRows')} value={m.testRows} formatter={() => format.number(m.testRows)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('models.positives')} value={m.positives} formatter={() => format.number(m.positives)} />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('models.liftChart')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('models.liftChartHelp')}
            </Typography.Paragraph>
            <LiftChart curve={m.curve} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('models.features')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('models.featuresHelp')}
            </Typography.Paragraph>
            <FeatureWeights features={model.features} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('models.topCustomers')}>
            <TopCustomers model={model} />
          </Card>
        </Col>
      </Row>
      {scoring && <ScoreModelModal model={model} onClose={() => setScoring(false)} />}
    </div>
  );
}
