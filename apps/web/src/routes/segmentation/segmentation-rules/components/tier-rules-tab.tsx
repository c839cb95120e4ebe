import type { TEntitlements, TTier, TTierRule } from '@anxin/contracts';
import { App, Button, Flex, Form, Input, InputNumber, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useTierRules, useUpdateTierRules } from '../../../../api/segmentation.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { PageLoading } from '../../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { fenToYuanText, parseYuanToFen, useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

const SWITCHES = ['dedicatedAdvisor', 'greenChannel', 'onSiteVisits', 'priorityService'] as const satisfies readonly (keyof TEntitlements)[];

interface TierValues {
  minAnnualPremium: string;
  minTenureYears: number;
  dedicatedAdvisor: boolean;
  greenChannel: boolean;
  onSiteVisits: boolean;
  priorityService: boolean;
  serviceHours: number;
}
type Values = { tiers: Record<string, TierValues> };

const valuesOf = (rules: TTierRule[]): Values => ({
  tiers: Object.fromEntries(
    rules.map((r) => [r.tier, { minAnnualPremium: fenToYuanText(r.minAnnualPremiumFen), minTenureYears: r.minTenureYears, ...r.entitlements }]),
  ),
});

/** The four tiers in rank order: thresholds (annual premium in yuan, tenure) and service entitlements, saved together. */
export function TierRulesTab({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const yuanRule = useYuanRule();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const tiers = useTierRules();
  const save = useUpdateTierRules();
  const order = (tiers.data ?? []).map((r) => r.tier);
  const fieldNames = order.flatMap((tier) => ['minAnnualPremium', 'minTenureYears', 'serviceHours', ...SWITCHES].map((f) => `tiers.${tier}.${f}`));
  // Server errors name items by index (`items.1.entitlements.serviceHours`); the form names them by tier.
  const problem = useFormProblem(form, {
    fields: fieldNames,
    rename: (path) => {
      const match = /^items\.(\d+)\.(?:entitlements\.)?(\w+)$/.exec(path);
      if (!match) return path;
      const field = match[2] === 'minAnnualPremiumFen' ? 'minAnnualPremium' : match[2]!;
      return `tiers.${order[Number(match[1])] ?? match[1]}.${field}`;
    },
  });

  useEffect(() => {
    if (tiers.data) form.setFieldsValue(valuesOf(tiers.data));
  }, [tiers.data, form]);

  if (tiers.isPending) return <PageLoading />;
  if (tiers.isError) return <ProblemAlert error={tiers.error} testId="tier-rules-error" />;

  const submit = (values: Values) => {
    save.mutate(
      {
        items: tiers.data.map((r) => {
          const v = values.tiers[r.tier]!;
          return {
            tier: r.tier,
            minAnnualPremiumFen: parseYuanToFen(v.minAnnualPremium) ?? 0,
            minTenureYears: v.minTenureYears,
            entitlements: { dedicatedAdvisor: v.dedicatedAdvisor, greenChannel: v.greenChannel, onSiteVisits: v.onSiteVisits, priorityService: v.priorityService, serviceHours: v.serviceHours },
            version: r.version,
          };
        }),
      },
      { onSuccess: () => void message.success(t('segmentation.rules.tiersSaved')), onError: problem.report },
    );
  };

  const columns: TableColumnsType<TTierRule> = [
    {
      title: t('segmentation.rules.tier'),
      dataIndex: 'tier',
      fixed: 'left',
      render: (tier: TTier, r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{labels.tier(tier)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('segmentation.rules.tierCustomers')} {format.number(r.customers)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('segmentation.rules.minAnnualPremium'),
      key: 'minAnnualPremium',
      render: (_, r) => (
        <Form.Item name={['tiers', r.tier, 'minAnnualPremium']} rules={[yuanRule({ required: true, field: t('segmentation.rules.minAnnualPremium') })]} style={{ margin: 0 }}>
          <Input prefix="¥" inputMode="decimal" disabled={!manages} style={{ width: 150 }} aria-label={`${labels.tier(r.tier)} ${t('segmentation.rules.minAnnualPremium')}`} data-testid={`tier-${r.tier}-premium`} />
        </Form.Item>
      ),
    },
    {
      title: t('segmentation.rules.minTenureYears'),
      key: 'minTenureYears',
      render: (_, r) => (
        <Form.Item name={['tiers', r.tier, 'minTenureYears']} rules={[{ required: true, message: t('validation.required', { field: t('segmentation.rules.minTenureYears') }) }]} style={{ margin: 0 }}>
          <InputNumber min={0} max={100} precision={0} disabled={!manages} aria-label={`${labels.tier(r.tier)} ${t('segmentation.rules.minTenureYears')}`} data-testid={`tier-${r.tier}-tenure`} />
        </Form.Item>
      ),
    },
    ...SWITCHES.map((key) => ({
      title: t(`segmentation.rules.${key}`),
      key,
      align: 'center' as const,
      render: (_: unknown, r: TTierRule) => (
        <Form.Item name={['tiers', r.tier, key]} valuePropName="checked" style={{ margin: 0 }}>
          <Switch disabled={!manages} aria-label={`${labels.tier(r.tier)} ${t(`segmentation.rules.${key}`)}`} data-testid={`tier-${r.tier}-${key}`} />
        </Form.Item>
      ),
    })),
    {
      title: t('segmentation.rules.serviceHours'),
      key: 'serviceHours',
      render: (_, r) => (
        <Form.Item name={['tiers', r.tier, 'serviceHours']} rules={[{ required: true, message: t('validation.required', { field: t('segmentation.rules.serviceHours') }) }]} style={{ margin: 0 }}>
          <InputNumber min={1} max={720} precision={0} disabled={!manages} aria-label={`${labels.tier(r.tier)} ${t('segmentation.rules.serviceHours')}`} data-testid={`tier-${r.tier}-service-hours`} />
        </Form.Item>
      ),
    },
  ];

  return (
    <Form<Values> form={form} onFinish={submit} initialValues={valuesOf(tiers.data)} data-testid="tier-rules">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('segmentation.rules.tiersHelp')}</Typography.Text>
        {problem.alertError !== null && <ProblemAlert error={problem.alertError} testId="tier-rules-save-error" />}
        <Table<TTierRule> rowKey="tier" size="middle" columns={columns} dataSource={tiers.data} pagination={false} scroll={{ x: 1100 }} />
        {manages && (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => form.setFieldsValue(valuesOf(tiers.data))}>{t('common.reset')}</Button>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="tier-rules-save">
              {t('common.save')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Form>
  );
}
