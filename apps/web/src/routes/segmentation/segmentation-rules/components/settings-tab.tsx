import type { TSegmentationSettings } from '@anxin/contracts';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSegmentationSettings, useUpdateSegmentationSetting, type TSegmentationSettingKey } from '../../../../api/segmentation.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { PageLoading } from '../../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { fenToYuanText, parseYuanToFen } from '../../../../format.ts';

interface NumberField {
  name: string;
  label:
    | 'multiClaimCount'
    | 'multiClaimMonths'
    | 'lossRatioPct'
    | 'lossRatioYears'
    | 'lossRatioMinPaid'
    | 'satisfiedCsat'
    | 'satisfiedNps'
    | 'loyalTenureYears'
    | 'loyalRenewals'
    | 'goodClaimFreeYears'
    | 'goodTenureYears'
    | 'goodCsat'
    | 'badLossRatioPct'
    | 'badComplaints12m';
  min: number;
  max?: number;
  /** Held in fen, typed in yuan. */
  money?: boolean;
}

// The bounds mirror the contracts (ZAlertSettings, ZQuadrantSettings, ZListSettings).
const GROUPS: { key: TSegmentationSettingKey; fields: NumberField[] }[] = [
  {
    key: 'alerts',
    fields: [
      { name: 'multiClaimCount', label: 'multiClaimCount', min: 2, max: 50 },
      { name: 'multiClaimMonths', label: 'multiClaimMonths', min: 1, max: 60 },
      { name: 'lossRatioPct', label: 'lossRatioPct', min: 1, max: 10000 },
      { name: 'lossRatioYears', label: 'lossRatioYears', min: 1, max: 10 },
      { name: 'lossRatioMinPaidFen', label: 'lossRatioMinPaid', min: 0, money: true },
    ],
  },
  {
    key: 'quadrants',
    fields: [
      { name: 'satisfiedCsat', label: 'satisfiedCsat', min: 1, max: 5 },
      { name: 'satisfiedNps', label: 'satisfiedNps', min: 0, max: 10 },
      { name: 'loyalTenureYears', label: 'loyalTenureYears', min: 0, max: 50 },
      { name: 'loyalRenewals', label: 'loyalRenewals', min: 0, max: 50 },
    ],
  },
  {
    key: 'lists',
    fields: [
      { name: 'goodClaimFreeYears', label: 'goodClaimFreeYears', min: 1, max: 20 },
      { name: 'goodTenureYears', label: 'goodTenureYears', min: 0, max: 50 },
      { name: 'goodCsat', label: 'goodCsat', min: 1, max: 5 },
      { name: 'badLossRatioPct', label: 'badLossRatioPct', min: 1, max: 10000 },
      { name: 'badComplaints12m', label: 'badComplaints12m', min: 1, max: 100 },
    ],
  },
];

/** Thresholds of risk alerts, quadrants and good/bad lists, each group saved on its own. */
export function SettingsTab({ manages }: { manages: boolean }) {
  const settings = useSegmentationSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <ProblemAlert error={settings.error} testId="segmentation-settings-error" />;
  return (
    <Row gutter={[16, 16]} data-testid="segmentation-settings">
      {GROUPS.map((group) => (
        <Col key={group.key} xs={24} lg={8}>
          <SettingCard group={group} settings={settings.data} manages={manages} />
        </Col>
      ))}
    </Row>
  );
}

function SettingCard({ group, settings, manages }: { group: (typeof GROUPS)[number]; settings: TSegmentationSettings; manages: boolean }) {
  const { t } = useTranslation();
  const yuanRule = useYuanRule();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, number | string>>();
  const save = useUpdateSegmentationSetting();
  const current = settings[group.key] as Record<string, number>;
  const version = settings.versions[group.key];
  const formName = (f: NumberField) => (f.money ? f.label : f.name);
  const problem = useFormProblem(form, {
    fields: group.fields.map(formName),
    rename: (path) => {
      const name = path.replace(/^value\./, '');
      return group.fields.find((f) => f.name === name && f.money)?.label ?? name;
    },
  });
  const initial = Object.fromEntries(group.fields.map((f) => [formName(f), f.money ? fenToYuanText(current[f.name] ?? 0) : (current[f.name] ?? 0)]));

  useEffect(() => {
    form.setFieldsValue(initial);
    // Refill only when the stored version changes (after a save or a refetch), not on every render.
  }, [version]);

  const submit = (values: Record<string, number | string>) => {
    const value = Object.fromEntries(group.fields.map((f) => [f.name, f.money ? (parseYuanToFen(String(values[formName(f)])) ?? 0) : Number(values[formName(f)])]));
    save.mutate({ key: group.key, value, version }, { onSuccess: () => void message.success(t('segmentation.rules.settingSaved')), onError: problem.report });
  };

  return (
    <Card size="small" title={t(`segmentation.rules.${group.key}`)} style={{ height: '100%' }} data-testid={`setting-${group.key}`}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={!manages}>
        {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId={`setting-${group.key}-error`} />}
        {group.fields.map((f) => {
          const label = t(`segmentation.rules.${f.label}`);
          return (
            <Form.Item
              key={f.name}
              name={formName(f)}
              label={label}
              rules={f.money ? [yuanRule({ required: true, field: label })] : [{ required: true, message: t('validation.required', { field: label }) }]}
            >
              {f.money ? (
                <Input prefix="¥" inputMode="decimal" data-testid={`setting-${group.key}-${f.name}`} />
              ) : (
                <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} data-testid={`setting-${group.key}-${f.name}`} />
              )}
            </Form.Item>
          );
        })}
        {manages && (
          <Flex justify="flex-end">
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid={`setting-${group.key}-save`}>
              {t('common.save')}
            </Button>
          </Flex>
        )}
      </Form>
    </Card>
  );
}
