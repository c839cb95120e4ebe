import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { TClaim } from '@anxin/contracts';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveAdjustment } from '../../../../api/claims.ts';
import { usePolicy } from '../../../../api/policies.ts';
import { useProduct } from '../../../../api/products.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { fenToYuanText, useFormat } from '../../../../format.ts';
import { can } from '../../../../permissions.ts';
import { initialLinesOf, lineInputOf, payableFenOf, type AdjustmentLineValues } from './adjustment-payable.ts';

const LINE_FIELDS = ['coverageCode', 'description', 'claimed', 'excluded', 'deductible', 'ratioPct', 'limit', 'reason'];
const FIELDS = ['lines', ...Array.from({ length: 100 }, (_, i) => LINE_FIELDS.map((f) => `lines.${i}.${f}`)).flat()];

/**
 * The adjustment (理算) editor: one line per coverage with claimed, excluded, deductible, ratio and
 * limit; each line's payable and the total are computed as the user types, exactly as the server does.
 */
export function AdjustmentEditor({ claim }: { claim: TClaim }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const rules = useFormRules();
  const yuan = useYuanRule();
  const format = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lines: AdjustmentLineValues[] }>();
  const save = useSaveAdjustment(claim.id);
  const problem = useFormProblem(form, { fields: FIELDS, rename: (path) => path.replace(/Fen$/, '') });
  // Coverage codes come from the policy when the user may read it; otherwise they are typed.
  const policy = usePolicy(can(me, 'policy:read') ? claim.policyId : undefined);
  const product = useProduct(can(me, 'product:read') ? policy.data?.product.id : undefined);
  const coverages = policy.data?.coverages ?? [];
  const lines = Form.useWatch('lines', form) ?? [];
  const payables = lines.map((l) => payableFenOf(lineInputOf(l ?? {})));
  const totalFen = payables.reduce((sum, p) => sum + p, 0);

  // Choosing a coverage starts the line from the product's terms (deductible, ratio), if known.
  const onCoverage = (index: number, code: string) => {
    const terms = product.data?.coverages.find((c) => c.code === code);
    const name = coverages.find((c) => c.code === code)?.name;
    const line = form.getFieldValue(['lines', index]) as AdjustmentLineValues;
    form.setFieldValue(['lines', index], {
      ...line,
      description: line.description || name,
      ...(terms ? { deductible: fenToYuanText(terms.deductibleFen), ratioPct: terms.reimbursementPct } : {}),
    });
  };

  const onFinish = (values: { lines: AdjustmentLineValues[] }) =>
    save.mutate(
      { lines: values.lines.map(lineInputOf), version: claim.version },
      { onSuccess: () => void message.success(t('claims.adjustment.saved')), onError: problem.report },
    );

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ lines: initialLinesOf(claim) }} disabled={save.isPending} data-testid="claim-adjustment-form">
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="claim-adjustment-error" />}
      <Form.List name="lines" rules={[{ validator: async (_r, v: unknown[] | undefined) => { if (!v?.length) throw new Error(t('claims.adjustment.linesRequired')); } }]}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={12}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                type="inner"
                title={t('claims.adjustment.lineTitle', { n: index + 1 })}
                extra={
                  <Flex gap={12} align="center">
                    <Typography.Text data-testid={`claim-adjustment-payable-${index}`}>{t('claims.adjustment.payableOf', { amount: format.fen(payables[index] ?? 0) })}</Typography.Text>
                    <Button type="text" size="small" icon={<MinusCircleOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Flex>
                }
                data-testid={`claim-adjustment-line-${index}`}
              >
                <Row gutter={12}>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'coverageCode']} label={t('claims.adjustment.coverage')} rules={[rules.required(t('claims.adjustment.coverage')), { max: 40 }]}>
                      {coverages.length > 0 ? (
                        <Select
                          options={coverages.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
                          onChange={(code: string) => onCoverage(field.name, code)}
                          popupMatchSelectWidth={false}
                          data-testid={`claim-adjustment-coverage-${index}`}
                        />
                      ) : (
                        <Input maxLength={40} className="anxin-mono" data-testid={`claim-adjustment-coverage-${index}`} />
                      )}
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[field.name, 'description']} label={t('claims.adjustment.description')} rules={[rules.required(t('claims.adjustment.description')), { max: 200 }]}>
                      <Input maxLength={200} data-testid={`claim-adjustment-description-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[field.name, 'reason']} label={t('claims.adjustment.reason')} rules={[rules.required(t('claims.adjustment.reason')), { max: 500 }]}>
                      <Input maxLength={500} data-testid={`claim-adjustment-reason-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'claimed']} label={t('claims.adjustment.claimed')} rules={[yuan({ required: true, field: t('claims.adjustment.claimed') })]}>
                      <Input prefix="¥" inputMode="decimal" data-testid={`claim-adjustment-claimed-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'excluded']} label={t('claims.adjustment.excluded')} rules={[yuan({ field: t('claims.adjustment.excluded') })]}>
                      <Input prefix="¥" inputMode="decimal" data-testid={`claim-adjustment-excluded-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'deductible']} label={t('claims.adjustment.deductible')} rules={[yuan({ field: t('claims.adjustment.deductible') })]}>
                      <Input prefix="¥" inputMode="decimal" data-testid={`claim-adjustment-deductible-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'ratioPct']} label={t('claims.adjustment.ratio')} rules={[{ required: true, message: t('validation.required', { field: t('claims.adjustment.ratio') }) }]}>
                      <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} data-testid={`claim-adjustment-ratio-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item name={[field.name, 'limit']} label={t('common.optionalField', { field: t('claims.adjustment.limit') })} rules={[yuan({ field: t('claims.adjustment.limit') })]}>
                      <Input prefix="¥" inputMode="decimal" placeholder={t('claims.adjustment.noLimit')} data-testid={`claim-adjustment-limit-${index}`} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ excluded: '0.00', deductible: '0.00', ratioPct: 100 })} disabled={fields.length >= 100} data-testid="claim-adjustment-add-line">
                {t('claims.adjustment.addLine')}
              </Button>
              <Flex gap={16} align="center">
                <Statistic title={t('claims.adjustment.total')} value={format.fen(totalFen)} data-testid="claim-adjustment-total" />
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="claim-adjustment-submit">
                  {t('claims.adjustment.save')}
                </Button>
              </Flex>
            </Flex>
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
