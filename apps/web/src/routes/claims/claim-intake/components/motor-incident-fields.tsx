import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../../components/form-rules.ts';
import { PLATE } from '../claim-intake-request.ts';

/** Motor accident: where, which vehicle, who else was involved, whether anyone was hurt, what happened. */
export function MotorIncidentFields() {
  const { t } = useTranslation();
  const rules = useFormRules();
  const upper = (value: string | undefined) => value?.toUpperCase();
  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item name={['incident', 'place']} label={t('claims.intake.place')} rules={[rules.required(t('claims.intake.place')), { max: 200 }]}>
          <Input maxLength={200} data-testid="claim-intake-place" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['incident', 'vehiclePlate']}
          label={t('claims.intake.vehiclePlate')}
          normalize={upper}
          rules={[rules.required(t('claims.intake.vehiclePlate')), { pattern: PLATE, message: t('claims.intake.plateRule') }]}
        >
          <Input maxLength={8} className="anxin-mono" data-testid="claim-intake-plate" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('common.optionalField', { field: t('claims.intake.thirdParties') })}>
          <Form.List name={['incident', 'thirdParties']}>
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Flex gap={8} key={item.key} align="flex-start">
                    <Form.Item name={[item.name, 'name']} style={{ flex: 2 }} rules={[rules.required(t('claims.intake.thirdPartyName')), { max: 50 }]}>
                      <Input placeholder={t('claims.intake.thirdPartyName')} maxLength={50} data-testid={`claim-intake-third-party-name-${item.name}`} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'vehiclePlate']} style={{ flex: 1 }} normalize={upper}>
                      <Input placeholder={t('claims.intake.vehiclePlate')} maxLength={10} className="anxin-mono" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'insurer']} style={{ flex: 2 }}>
                      <Input placeholder={t('claims.intake.thirdPartyInsurer')} maxLength={50} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={items.length >= 10} data-testid="claim-intake-add-third-party">
                  {t('claims.intake.addThirdParty')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={['incident', 'injuries']} label={t('claims.intake.injuries')} valuePropName="checked">
          <Switch data-testid="claim-intake-injuries" />
        </Form.Item>
      </Col>
      <Col xs={24} md={18}>
        <Form.Item name={['incident', 'description']} label={t('claims.intake.description')} rules={[rules.required(t('claims.intake.description')), { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="claim-intake-description" />
        </Form.Item>
      </Col>
    </Row>
  );
}
