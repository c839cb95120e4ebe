import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../../components/form-rules.ts';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { fenToYuanText, parseYuanToFen, useFormat } from '../../../../format.ts';
import { ICD10, INVOICE_NO, type IntakeValues } from '../claim-intake-request.ts';
import { DateInput } from '../../../../components/date-input.tsx';

/**
 * Medical expenses: hospital, ICD-10 diagnosis, stay dates and the invoices claimed. A customer
 * (the portal) may not know the ICD-10 code: for them it is optional and the diagnosis in words is
 * asked instead; staff enter the code.
 */
export function MedicalIncidentFields({ forCustomer = false }: { forCustomer?: boolean }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const yuan = useYuanRule();
  const format = useFormat();
  const form = Form.useFormInstance<IntakeValues>();
  const items = Form.useWatch(['incident', 'invoiceItems'], form) ?? [];
  const totalFen = items.reduce((sum, i) => sum + (parseYuanToFen(i?.amount) ?? 0), 0);

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={['incident', 'hospital']} label={t('claims.intake.hospital')} rules={[rules.required(t('claims.intake.hospital')), { max: 100 }]}>
          <Input maxLength={100} data-testid="claim-intake-hospital" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['incident', 'diagnosisCode']}
          label={forCustomer ? t('common.optionalField', { field: t('claims.intake.diagnosisCode') }) : t('claims.intake.diagnosisCode')}
          extra={forCustomer ? t('claims.intake.diagnosisCodeHint') : undefined}
          normalize={(value: string | undefined) => value?.toUpperCase() || undefined}
          rules={[...(forCustomer ? [] : [rules.required(t('claims.intake.diagnosisCode'))]), { pattern: ICD10, message: t('claims.intake.icdRule') }]}
        >
          <Input maxLength={7} className="anxin-mono" placeholder="J18.9" data-testid="claim-intake-diagnosis" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={['incident', 'admittedOn']} label={t('common.optionalField', { field: t('claims.intake.admittedOn') })}>
          <DateInput testId="claim-intake-admitted-on" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          name={['incident', 'dischargedOn']}
          label={t('common.optionalField', { field: t('claims.intake.dischargedOn') })}
          dependencies={[['incident', 'admittedOn']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                const admitted = getFieldValue(['incident', 'admittedOn']) as string | undefined;
                if (value && admitted && value < admitted) throw new Error(t('claims.intake.dischargeOrder'));
              },
            }),
          ]}
        >
          <DateInput testId="claim-intake-discharged-on" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['incident', 'description']}
          label={forCustomer ? t('claims.intake.diagnosisInWords') : t('common.optionalField', { field: t('claims.intake.description') })}
          dependencies={[['incident', 'diagnosisCode']]}
          rules={[
            { max: 1000 },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (!getFieldValue(['incident', 'diagnosisCode']) && !value?.trim()) throw new Error(t('fieldRules.required_without_diagnosis'));
              },
            }),
          ]}
        >
          <Input.TextArea rows={1} maxLength={1000} placeholder={forCustomer ? t('claims.intake.diagnosisInWordsPlaceholder') : undefined} data-testid="claim-intake-description" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('claims.intake.invoiceItems')} required>
          <Form.List
            name={['incident', 'invoiceItems']}
            rules={[
              {
                validator: async (_rule, value: unknown[] | undefined) => {
                  if (!value || value.length === 0) throw new Error(t('claims.intake.invoicesRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((item) => (
                  // On a phone (the portal) the three fields wrap rather than squeeze the invoice number.
                  <Flex gap={8} key={item.key} align="flex-start" wrap>
                    <Form.Item
                      name={[item.name, 'invoiceNo']}
                      style={{ flex: '2 1 160px' }}
                      rules={[rules.required(t('claims.intake.invoiceNo')), { pattern: INVOICE_NO, message: t('claims.intake.invoiceNoRule') }]}
                    >
                      <Input placeholder={t('claims.intake.invoiceNo')} maxLength={40} className="anxin-mono" data-testid={`claim-intake-invoice-no-${item.name}`} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'description']} style={{ flex: '3 1 160px' }} rules={[rules.required(t('claims.intake.invoiceDescription')), { max: 200 }]}>
                      <Input placeholder={t('claims.intake.invoiceDescription')} maxLength={200} data-testid={`claim-intake-invoice-description-${item.name}`} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'amount']} style={{ flex: '2 1 120px' }} rules={[yuan({ required: true, positive: true, field: t('claims.intake.invoiceAmount') })]}>
                      <Input prefix="¥" inputMode="decimal" placeholder={t('claims.intake.invoiceAmount')} data-testid={`claim-intake-invoice-amount-${item.name}`} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                  </Flex>
                ))}
                <Flex gap={8} align="center" wrap>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 100} data-testid="claim-intake-add-invoice">
                    {t('claims.intake.addInvoice')}
                  </Button>
                  <Typography.Text type="secondary" data-testid="claim-intake-invoice-total">
                    {t('claims.intake.invoiceTotal', { total: format.fen(totalFen) })}
                  </Typography.Text>
                  {totalFen > 0 && (
                    <Button type="link" onClick={() => form.setFieldValue('amountClaimed', fenToYuanText(totalFen))} data-testid="claim-intake-use-invoice-total">
                      {t('claims.intake.useInvoiceTotal')}
                    </Button>
                  )}
                </Flex>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
      </Col>
    </Row>
  );
}
