import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomerPicker } from '../../../components/customer-picker.tsx';

export interface BeneficiaryValues {
  customerId?: string;
  sharePct?: number;
}

/** Whole-percent shares must total exactly 100 (an empty list means the legal heirs). */
export const sharesTotal = (beneficiaries: readonly BeneficiaryValues[] | undefined) => (beneficiaries ?? []).reduce((sum, b) => sum + (b.sharePct ?? 0), 0);

/**
 * The beneficiaries of a policy (a Form.List under `name`): a customer picker and a share in whole
 * percent per row, with the running total; the list is valid when empty or totalling 100%.
 */
export function BeneficiariesField({ name, testIdPrefix }: { name: string; testIdPrefix: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const beneficiaries = Form.useWatch(name, form) as BeneficiaryValues[] | undefined;
  const total = sharesTotal(beneficiaries);
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_rule, value: BeneficiaryValues[] | undefined) => {
            if (value && value.length > 0 && sharesTotal(value) !== 100) throw new Error(t('validation.sharesTotal', { total: sharesTotal(value) }));
          },
        },
      ]}
    >
      {(items, { add, remove }, { errors }) => (
        <div data-testid={`${testIdPrefix}-beneficiaries`}>
          {items.map((item) => (
            <Row gutter={8} key={item.key}>
              <Col flex="auto">
                <Form.Item name={[item.name, 'customerId']} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('policies.beneficiary') }) }]}>
                  <CustomerPicker testId={`${testIdPrefix}-beneficiary-${item.name}`} />
                </Form.Item>
              </Col>
              <Col flex="140px">
                <Form.Item name={[item.name, 'sharePct']} rules={[{ required: true, message: t('policies.shareRequired') }]}>
                  <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} data-testid={`${testIdPrefix}-share-${item.name}`} />
                </Form.Item>
              </Col>
              <Col flex="40px">
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ sharePct: Math.max(0, 100 - total) || undefined })} data-testid={`${testIdPrefix}-add-beneficiary`}>
            {t('policies.addBeneficiary')}
          </Button>
          <Typography.Text type={items.length > 0 && total !== 100 ? 'danger' : 'secondary'} style={{ marginInlineStart: 12 }} data-testid={`${testIdPrefix}-shares-total`}>
            {items.length > 0 ? t('policies.sharesTotal', { total }) : t('policies.legalHeirs')}
          </Typography.Text>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
