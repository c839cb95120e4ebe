import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { PRODUCT_LINES, RISK_LEVELS, type TProduct, type TProductLine, type TRiskLevel } from '@anxin/contracts';
import { App, Button, Checkbox, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateProduct, useUpdateProduct } from '../../../../api/products.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { fenToYuanText, parseYuanToFen } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

interface CoverageValues {
  code: string;
  name: string;
  /** Yuan, as typed. */
  sumInsuredLimit?: string;
  deductible?: string;
  reimbursementPct: number;
}

interface ProductValues {
  code: string;
  name: string;
  line: TProductLine;
  riskLevel: TRiskLevel;
  waitingDays: number;
  coolingOffDays?: number | null;
  termMonths?: number | null;
  description?: string;
  active?: boolean;
  coverages: CoverageValues[];
  claimDocuments: { code: string; name: string; required?: boolean }[];
}

const PRODUCT_CODE = /^[A-Z0-9][A-Z0-9-]*$/;

/** Creates a product or changes one (code and line are fixed once created). Amounts are typed in yuan and sent in fen. */
export function ProductFormModal({ product, onClose }: { product?: TProduct; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rules = useFormRules();
  const yuan = useYuanRule();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const isEdit = Boolean(product);
  const indexed = (prefix: string, names: string[]) => Array.from({ length: 50 }, (_, i) => names.map((n) => `${prefix}.${i}.${n}`)).flat();
  const problem = useFormProblem(form, {
    fields: [
      'code',
      'name',
      'line',
      'riskLevel',
      'waitingDays',
      'coolingOffDays',
      'termMonths',
      'description',
      'coverages',
      ...indexed('coverages', ['code', 'name', 'reimbursementPct']),
      ...indexed('claimDocuments', ['code', 'name']),
    ],
  });

  const initialValues: Partial<ProductValues> = product
    ? {
        ...product,
        description: product.description ?? undefined,
        coverages: product.coverages.map((c) => ({
          code: c.code,
          name: c.name,
          sumInsuredLimit: c.sumInsuredLimitFen === null ? undefined : fenToYuanText(c.sumInsuredLimitFen),
          deductible: fenToYuanText(c.deductibleFen),
          reimbursementPct: c.reimbursementPct,
        })),
      }
    : { line: 'life', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: '', name: '', reimbursementPct: 100 }], claimDocuments: [] };

  const onFinish = (values: ProductValues) => {
    const coverages = values.coverages.map((c) => ({
      code: c.code.trim(),
      name: c.name.trim(),
      sumInsuredLimitFen: c.sumInsuredLimit ? parseYuanToFen(c.sumInsuredLimit) : null,
      deductibleFen: c.deductible ? (parseYuanToFen(c.deductible) ?? 0) : 0,
      reimbursementPct: c.reimbursementPct,
    }));
    const claimDocuments = (values.claimDocuments ?? []).map((d) => ({ code: d.code.trim(), name: d.name.trim(), required: Boolean(d.required) }));
    const done = (saved: TProduct) => {
      void message.success(t('products.saved', { name: saved.name }));
      onClose();
    };
    const coolingOffDays = values.coolingOffDays ?? undefined;
    const termMonths = values.termMonths ?? null;
    if (product) {
      update.mutate(
        {
          id: product.id,
          version: product.version,
          name: values.name.trim(),
          riskLevel: values.riskLevel,
          waitingDays: values.waitingDays,
          coolingOffDays,
          termMonths,
          description: values.description?.trim() || null,
          coverages,
          claimDocuments,
          active: values.active,
        },
        { onSuccess: done, onError: problem.report },
      );
    } else {
      create.mutate(
        {
          code: values.code.trim(),
          name: values.name.trim(),
          line: values.line,
          riskLevel: values.riskLevel,
          waitingDays: values.waitingDays,
          coolingOffDays,
          termMonths,
          description: values.description?.trim() || undefined,
          coverages,
          claimDocuments,
        },
        { onSuccess: done, onError: problem.report },
      );
    }
  };

  return (
    <Modal
      open
      width={900}
      title={isEdit ? t('products.editTitle', { name: product?.name }) : t('products.createTitle')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'product-form-submit' }}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<ProductValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} data-testid="product-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('products.code')} rules={[rules.required(t('products.code')), { pattern: PRODUCT_CODE, message: t('products.codePattern') }]}>
              <Input disabled={isEdit} maxLength={40} className="anxin-mono" data-testid="product-form-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('products.name')} rules={[rules.required(t('products.name'))]}>
              <Input maxLength={100} data-testid="product-form-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="line" label={t('products.line')}>
              <Select disabled={isEdit} options={PRODUCT_LINES.map((l) => ({ value: l, label: labels.productLine(l) }))} data-testid="product-form-line" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="riskLevel" label={t('products.riskLevel')} extra={t('products.riskLevelHelp')}>
              <Select options={RISK_LEVELS.map((r) => ({ value: r, label: r }))} data-testid="product-form-risk-level" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="waitingDays" label={t('products.waitingDays')}>
              <InputNumber min={0} max={730} precision={0} style={{ width: '100%' }} data-testid="product-form-waiting-days" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="coolingOffDays" label={t('common.optionalField', { field: t('products.coolingOffDays') })} extra={t('products.coolingOffHelp')}>
              <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} data-testid="product-form-cooling-off-days" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="termMonths" label={t('common.optionalField', { field: t('products.termMonths') })} extra={t('products.termMonthsHelp')}>
              <InputNumber min={1} max={1200} precision={0} style={{ width: '100%' }} data-testid="product-form-term-months" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('common.optionalField', { field: t('products.descriptionField') })}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          {isEdit && (
            <Col span={24}>
              <Form.Item name="active" label={t('products.status')} valuePropName="checked" extra={t('products.activeHelp')}>
                <Switch checkedChildren={t('products.active')} unCheckedChildren={t('products.inactive')} data-testid="product-form-active" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start" plain>
          {t('products.coverages')}
        </Divider>
        <Form.List name="coverages">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <Row gutter={8} key={item.key}>
                  <Col span={4}>
                    <Form.Item name={[item.name, 'code']} rules={[rules.required(t('products.coverageCode'))]}>
                      <Input placeholder={t('products.coverageCode')} maxLength={40} className="anxin-mono" data-testid={`product-form-coverage-code-${item.name}`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[item.name, 'name']} rules={[rules.required(t('products.coverageName'))]}>
                      <Input placeholder={t('products.coverageName')} maxLength={100} data-testid={`product-form-coverage-name-${item.name}`} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[item.name, 'sumInsuredLimit']} rules={[yuan({ field: t('products.sumInsuredLimit') })]}>
                      <Input placeholder={t('products.sumInsuredLimitYuan')} prefix="¥" inputMode="decimal" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[item.name, 'deductible']} rules={[yuan({ field: t('products.deductible') })]}>
                      <Input placeholder={t('products.deductibleYuan')} prefix="¥" inputMode="decimal" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[item.name, 'reimbursementPct']}>
                      <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button type="text" icon={<MinusCircleOutlined />} disabled={items.length <= 1} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', reimbursementPct: 100 })}>
                {t('products.addCoverage')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start" plain>
          {t('products.claimDocuments')}
        </Divider>
        <Form.List name="claimDocuments">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <Row gutter={8} key={item.key}>
                  <Col span={6}>
                    <Form.Item name={[item.name, 'code']} rules={[rules.required(t('products.coverageCode'))]}>
                      <Input placeholder={t('products.coverageCode')} maxLength={40} className="anxin-mono" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name={[item.name, 'name']} rules={[rules.required(t('products.documentName'))]}>
                      <Input placeholder={t('products.documentName')} maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[item.name, 'required']} valuePropName="checked">
                      <Checkbox>{t('customerAttributes.required')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', required: true })}>
                {t('products.addClaimDocument')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
